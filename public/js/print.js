/* global window */
// The print view opens the browser's print dialog once loaded.
window.addEventListener('load', () => {
  if (!navigator.webdriver) window.print();
});
