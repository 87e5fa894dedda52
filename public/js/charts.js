/* global window, document, getComputedStyle, Chart */
// Dashboard charts (Chart.js served locally from /static/vendor/chartjs).
(() => {
  'use strict';
  if (!window.Chart) return;
  const read = (el, key) => JSON.parse(el.dataset[key] || '[]');
  const euro = new Intl.NumberFormat('fr-FR', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#5f6b7a';
  Chart.defaults.animation = false;

  const invoices = document.getElementById('chart-invoices');
  if (invoices) {
    new Chart(invoices, {
      data: {
        labels: read(invoices, 'labels'),
        datasets: [
          {
            type: 'bar',
            label: 'Factures et avoirs',
            data: read(invoices, 'invoices'),
            backgroundColor: '#8fc3e8',
            yAxisID: 'y',
          },
          {
            type: 'line',
            label: 'Montant HT',
            data: read(invoices, 'amounts').map(Number),
            borderColor: '#174a6d',
            backgroundColor: '#174a6d',
            tension: 0.25,
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'Nombre' }, ticks: { precision: 0 } },
          y1: {
            beginAtZero: true,
            position: 'right',
            grid: { drawOnChartArea: false },
            ticks: { callback: (v) => euro.format(v) },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (c) =>
                c.dataset.yAxisID === 'y1'
                  ? `${c.dataset.label} : ${euro.format(c.raw)}`
                  : `${c.dataset.label} : ${c.raw}`,
            },
          },
        },
      },
    });
  }

  const orders = document.getElementById('chart-orders');
  if (orders) {
    new Chart(orders, {
      type: 'bar',
      data: {
        labels: read(orders, 'labels'),
        datasets: [{ label: 'Commandes envoyées', data: read(orders, 'orders'), backgroundColor: '#1f5f8b' }],
      },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
})();
