/* global window, document, location */
// Small progressive enhancements of the staff pages; every form also works without JavaScript.
(() => {
  'use strict';

  const STATUS = {
    running: ['info', 'En cours'],
    succeeded: ['ok', 'Réussie'],
    partial: ['warn', 'Partielle'],
    failed: ['ko', 'Échec'],
    abandoned: ['ko', 'Abandonnée'],
  };

  function badge(status) {
    const [kind, label] = STATUS[status] || ['neutral', status];
    const span = document.createElement('span');
    span.className = `badge badge-${kind}`;
    span.textContent = label;
    return span;
  }

  function setProgress(box, run) {
    const bar = box.querySelector('.progress-bar');
    const text = box.querySelector('.progress-text');
    const done = run.progress ? run.progress.done : 0;
    const total = run.progress ? run.progress.total : null;
    box.hidden = false;
    if (run.status === 'running') {
      box.classList.toggle('indeterminate', !total);
      if (total) bar.style.width = `${Math.min(100, Math.round((done / total) * 100))}%`;
      text.textContent = total ? `${done} / ${total}` : 'En cours…';
    } else {
      box.classList.remove('indeterminate');
      bar.style.width = '100%';
      text.textContent = `${(STATUS[run.status] || [0, run.status])[1]}${total ? ` · ${done} / ${total}` : ''}`;
    }
  }

  async function poll(runId, box, onEnd) {
    for (;;) {
      const res = await fetch(`/api/jobs/runs/${runId}`, { headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error(`Suivi impossible (${res.status})`);
      const run = await res.json();
      setProgress(box, run);
      if (run.status !== 'running') return onEnd(run);
      await new Promise((r) => setTimeout(r, 800));
    }
  }

  // "Lancer" / "Vérifier les correspondances": start the job, then follow its run.
  document.querySelectorAll('form.js-run-job').forEach((form) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button');
      const box = form.parentElement.querySelector('.progress');
      button.disabled = true;
      try {
        const res = await fetch(form.action, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(new FormData(form)),
        });
        const body = await res.json().catch(() => ({}));
        if (!res.ok) throw new Error([body.message].flat().join(' ') || `Erreur ${res.status}`);
        setProgress(box, { status: 'running', progress: { done: 0, total: null } });
        await poll(body.runId, box, (run) => {
          const row = form.closest('tr');
          const cell = row && row.querySelector('.job-status');
          if (cell) cell.replaceChildren(badge(run.status));
          box.dataset.finalStatus = run.status;
          button.disabled = false;
          if (form.dataset.reload !== undefined || document.body.dataset.reloadAfterJob)
            setTimeout(() => location.reload(), 800);
        });
      } catch (error) {
        box.hidden = false;
        box.querySelector('.progress-text').textContent = error.message;
        box.classList.remove('indeterminate');
        button.disabled = false;
      }
    });
  });

  // A run page opened while the run is going on follows it, then reloads to show the outcome.
  document.querySelectorAll('.js-run-progress').forEach((box) => {
    poll(box.dataset.runId, box, () => setTimeout(() => location.reload(), 600)).catch(() => undefined);
  });

  document.querySelectorAll('form.js-confirm').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  document.querySelectorAll('.js-check-all').forEach((box) => {
    box.addEventListener('change', () => {
      box
        .closest('table')
        .querySelectorAll('tbody input[type=checkbox]')
        .forEach((c) => {
          c.checked = box.checked;
        });
    });
  });

  document.querySelectorAll('select.js-autosubmit').forEach((select) => {
    select.addEventListener('change', () => select.form.submit());
  });

  // Unknowns: search an Odoo partner/product and pick it.
  document.querySelectorAll('form.js-resolve').forEach((form) => {
    const input = form.querySelector('.js-odoo-search');
    const select = form.querySelector('.js-odoo-results');
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        const url = `/inconnus/recherche-odoo?type=${encodeURIComponent(form.dataset.kind)}&q=${encodeURIComponent(q)}`;
        const res = await fetch(url, { headers: { Accept: 'application/json' } });
        const results = res.ok ? await res.json() : [];
        const options = results.map((r) => {
          const option = document.createElement('option');
          option.value = String(r.id);
          option.textContent = r.label;
          return option;
        });
        const empty = document.createElement('option');
        empty.value = '';
        empty.textContent = results.length ? `${results.length} résultat(s)` : 'Aucun résultat';
        select.replaceChildren(empty, ...options);
        if (results.length === 1) select.value = String(results[0].id);
      }, 300);
    });
  });
})();
