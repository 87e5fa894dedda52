declare module 'hbs' {
  import type Handlebars from 'handlebars';

  const hbs: {
    handlebars: typeof Handlebars;
    registerHelper: typeof Handlebars.registerHelper;
    registerPartial: typeof Handlebars.registerPartial;
  };
  export default hbs;
}
