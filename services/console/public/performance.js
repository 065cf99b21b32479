// Performance charts (progressive enhancement): each table with data-chart is the content; where
// JavaScript and Chart.js (served by the console at /assets/chart.js/) are there, a chart drawn from the
// table's own cells is put above it. Without JavaScript the tables stand alone.
const Chart = window.Chart;
const GOVUK_COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#28a197', '#b58840', '#d53880', '#505a5f', '#912b88'];

function cellsOf(table) {
  const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const rows = [...table.querySelectorAll('tbody tr:not([data-total])')].map((tr) =>
    [...tr.children].map((cell) => cell.textContent.trim()),
  );
  return { head, rows };
}

function percentChart({ head, rows }) {
  // Column 1 is the per cent; a measure with nothing held has no bar.
  const values = rows.map((row) => (Number.isFinite(Number(row[1])) ? Number(row[1]) : null));
  return {
    type: 'bar',
    data: { labels: rows.map((row) => row[0]), datasets: [{ label: head[1], data: values, backgroundColor: GOVUK_COLOURS[0] }] },
    options: { indexAxis: 'y', scales: { x: { min: 0, max: 100, title: { display: true, text: head[1] } } }, plugins: { legend: { display: false } } },
  };
}

function stackedChart({ head, rows }) {
  // Columns between the first (the week) and the last (the total) are the series.
  const series = head.slice(1, -1);
  return {
    type: 'bar',
    data: {
      labels: rows.map((row) => row[0].split(' ')[0]),
      datasets: series.map((label, i) => ({ label, data: rows.map((row) => Number(row[i + 1])), backgroundColor: GOVUK_COLOURS[i % GOVUK_COLOURS.length] })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

if (Chart) {
  for (const table of document.querySelectorAll('table[data-chart]')) {
    const cells = cellsOf(table);
    const holder = document.querySelector(`[data-chart-for="${table.id}"]`);
    if (!holder || cells.rows.length === 0) continue;
    const config = table.dataset.chart === 'percent' ? percentChart(cells) : stackedChart(cells);
    if (config.data.datasets.length === 0) continue;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    const caption = table.querySelector('caption')?.textContent.trim() ?? 'Chart';
    canvas.setAttribute('aria-label', `${caption}: a chart of the table below`);
    holder.className = 'app-chart govuk-!-margin-bottom-4';
    holder.appendChild(canvas);
    new Chart(canvas, { ...config, options: { ...config.options, responsive: true, animation: false } });
  }
}
