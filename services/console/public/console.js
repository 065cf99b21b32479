// The console's only script (progressive enhancement: every page works without it). It starts the
// GOV.UK Design System's components and refreshes Today's lists every few seconds from /today/lists.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

initAll();

const region = document.querySelector('[data-today-refresh]');
if (region) {
  const url = region.getAttribute('data-today-refresh');
  const seconds = Number(region.getAttribute('data-refresh-seconds')) || 15;
  const refresh = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      if (response.ok) region.innerHTML = await response.text();
    } catch (error) {
      // Offline for a moment: the lists shown stay, and the next tick tries again.
      console.warn('Today refresh failed', error);
    }
  };
  setInterval(refresh, seconds * 1000);
}
