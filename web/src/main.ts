// Hash routes: #/ (dashboard), #/event/{id}, #/submit.
import './style.css';
import { renderDashboard } from './dashboard';
import { renderEvent } from './eventview';
import { renderSubmit } from './submit';

function route(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  document.querySelectorAll<HTMLAnchorElement>('nav a[data-nav]').forEach((a) => {
    a.classList.toggle('active', (a.dataset.nav === 'submit') === path.startsWith('/submit') && !path.startsWith('/event/'));
  });
  if (path.startsWith('/event/')) {
    void renderEvent(app, decodeURIComponent(path.slice('/event/'.length)));
  } else if (path.startsWith('/submit')) {
    renderSubmit(app);
  } else {
    renderDashboard(app, new URLSearchParams(query ?? ''));
  }
}

let last = '';
window.addEventListener('hashchange', () => {
  // The dashboard rewrites its own query with replaceState (no hashchange);
  // a real navigation re-renders.
  if (location.hash !== last) { last = location.hash; route(); }
});
last = location.hash;
route();
