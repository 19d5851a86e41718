// The reviewer page: signs in, lists queues, claims tasks, shows them, sends decisions, keeps the lease renewed.
// Task data is written with textContent only, never as HTML. The reviewer token is sent once to sign in and kept
// nowhere; the CSRF token lives in memory; only the reviewer's display settings go to localStorage.
import { api, elements as $, clear, el, age, say, warn } from './review-core.js';
import { renderTask } from './review-task.js';
import { settings, wireSettings } from './review-settings.js';

const RECENT_LIMIT = 20;
// Whether this tab has signed in: not a secret (the session is an HttpOnly cookie), it spares a first visit a 401.
const SIGNED_IN_KEY = 'hive-review-signed-in';

const state = {
  session: null,
  queues: [],
  current: null,       // { queue: {project_id, queue, project_name, labels}, claim }
  renewTimer: 0,
  tickTimer: 0,
  refreshTimer: 0,
  busy: false,
  recent: [],
};

function show(view) {
  const signedIn = view !== 'sign-in';
  $('sign-in').hidden = view !== 'sign-in';
  $('queues').hidden = view !== 'queues';
  $('task').hidden = view !== 'task';
  $('who').hidden = !signedIn;
  for (const id of ['settings', 'recent', 'keys']) $(id).hidden = !signedIn;
  clearInterval(state.refreshTimer);
  if (view === 'queues') state.refreshTimer = setInterval(() => loadQueues(false), 15000);
}

function signedIn(session) {
  state.session = session;
  api.csrf = session.csrf_token;
  sessionStorage.setItem(SIGNED_IN_KEY, '1');
  $('who-name').textContent = session.name;
}

function signedOut(message) {
  stopLease();
  state.session = null;
  state.current = null;
  api.csrf = null;
  sessionStorage.removeItem(SIGNED_IN_KEY);
  show('sign-in');
  if (message) warn(message);
  $('token').focus();
}

// Any 401 means the session ended (signed out elsewhere, expired, or the reviewer was disabled).
api.onUnauthorized = () => signedOut('Your session has ended. Sign in again.');

async function start() {
  if (!sessionStorage.getItem(SIGNED_IN_KEY)) {
    signedOut();
    return;
  }

  const { status, body } = await api.send('GET', '/review/v1/session', undefined, { quiet401: true });
  if (status === 200) {
    signedIn(body);
    await loadQueues(true);
  } else {
    signedOut();
  }
}

async function signIn(event) {
  event.preventDefault();
  const field = $('token');
  const { status, body } = await api.send('POST', '/review/v1/session', { token: field.value.trim() }, { quiet401: true });
  field.value = '';
  if (status !== 200) {
    warn(status === 401 ? 'That token is not a reviewer\'s token, or the reviewer is disabled.' : body?.message ?? `Sign-in failed (${status}).`);
    field.focus();
    return;
  }

  warn('');
  signedIn(body);
  say(`Signed in as ${body.name}.`);
  await loadQueues(true);
}

async function signOut() {
  if (state.current) await release(state.current);
  await api.send('DELETE', '/review/v1/session');
  signedOut();
  say('Signed out.');
}

async function loadQueues(focus) {
  const { status, body } = await api.send('GET', '/review/v1/queues');
  if (status !== 200) return;
  state.queues = body.queues;
  const rows = clear($('queue-rows'));
  for (const queue of body.queues) {
    const name = `${queue.project_name || 'project ' + queue.project_id}`;
    const button = el('button', { type: 'button', class: 'start' }, 'Start reviewing');
    button.append(el('span', { class: 'visually-hidden' }, ` ${name}, ${queue.queue} queue`));
    button.dataset.project = queue.project_id;
    button.dataset.queue = queue.queue;
    button.addEventListener('click', () => startReviewing(queue));
    rows.append(el('tr', {},
      el('td', {}, name),
      el('td', {}, queue.queue),
      el('td', { class: 'num' }, String(queue.pending)),
      el('td', { class: 'num' }, String(queue.leased)),
      el('td', {}, queue.oldest_pending_on ? age(queue.oldest_pending_age_seconds) : '–'),
      el('td', {}, button)));
  }

  $('queue-table').hidden = body.queues.length === 0;
  $('no-queues').hidden = body.queues.length !== 0;
  if (!state.current) show('queues');
  if (focus) $('queues-title').focus();
}

async function startReviewing(queue) {
  await claimNext(queue);
}

/** Claims the next task of the queue and shows it, or says the queue is empty; gives <skipped> back once claimed. */
async function claimNext(queue, note, skipped) {
  if (state.busy) return;
  state.busy = true;
  try {
    const path = `/review/v1/queues/${encodeURIComponent(queue.project_id)}/claim?queue=${encodeURIComponent(queue.queue)}`;
    const { status, body } = await api.send('POST', path);
    if (skipped) await api.send('POST', taskPath(skipped, 'release'), { lease_token: skipped.claim.lease_token });
    if (status === 204) {
      state.current = null;
      say(`${note ? note + ' ' : ''}The ${queue.queue} queue of ${queue.project_name || 'project ' + queue.project_id} is empty: nothing to review.`);
      await loadQueues(false);
      show('queues');
      return;
    }

    if (status !== 200) {
      if (status === 401) return;
      state.current = null;
      warn(body?.message ?? `Claiming a task failed (${status}).`);
      await loadQueues(false);
      show('queues');
      return;
    }

    state.current = { queue, claim: body };
    renderTask(body, queue, settings);
    $('escalate').hidden = body.queue === 'escalated';
    $('reject-form').hidden = true;
    $('reveal').setAttribute('aria-pressed', 'false');
    $('reveal').hidden = $('viewer').hidden;
    show('task');
    say(`${note ? note + ' ' : ''}Task ${body.task.task_id ?? body.task.id} claimed.`);
    keepLease(body.lease_expires_on);
    $('task-title').focus();
  } finally {
    state.busy = false;
  }
}

// The lease: counted down each second, renewed when half of what was left has passed.
function keepLease(expiresOn) {
  stopLease();
  const current = state.current;
  const expires = Date.parse(expiresOn);
  current.expires = expires;
  current.span ??= expires - Date.now();
  $('lease').dataset.until = expiresOn;
  const half = Math.max(1000, (expires - Date.now()) / 2);
  state.renewTimer = setTimeout(() => renew(current), half);
  tick();
  state.tickTimer = setInterval(tick, 1000);
}

function stopLease() {
  clearTimeout(state.renewTimer);
  clearInterval(state.tickTimer);
}

function tick() {
  const current = state.current;
  if (!current) return;
  const left = Math.max(0, Math.round((current.expires - Date.now()) / 1000));
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  $('lease-left').textContent = text;
  // Red for the last minute, or the last quarter of a lease shorter than four minutes.
  $('lease').classList.toggle('low', left * 1000 < Math.min(60000, current.span / 4));
}

async function renew(current) {
  if (state.current !== current) return;
  const { status, body } = await api.send('POST', taskPath(current, 'renew'), { lease_token: current.claim.lease_token });
  if (state.current !== current) return;
  if (status === 200) {
    keepLease(body.lease_expires_on);
  } else if (status === 409 || status === 404) {
    await leaseLost(current, body);
  } else if (status !== 401) {
    // A passing failure (the service restarting): try again shortly, while the lease still holds.
    state.renewTimer = setTimeout(() => renew(current), 5000);
  }
}

async function leaseLost(current, body) {
  stopLease();
  const why = { lease_expired: 'its lease expired', held_by_another: 'another reviewer holds it now', already_decided: 'it was already decided' }[body?.reason]
    ?? body?.message ?? 'it is no longer yours';
  const message = `You no longer hold task ${taskId(current)}: ${why}. Nothing was recorded for it; moving on.`;
  warn(message);
  state.current = null;
  await claimNext(current.queue);
}

function taskId(current) {
  return current.claim.task.task_id ?? current.claim.task.id;
}

function taskPath(current, action) {
  return `/review/v1/tasks/${encodeURIComponent(taskId(current))}/${action}`;
}

async function decide(decision, labels, reason) {
  const current = state.current;
  if (!current || state.busy) return;
  state.busy = true;
  let status, body;
  try {
    const request = { lease_token: current.claim.lease_token, decision };
    if (labels) request.labels = labels;
    if (reason) request.reason = reason;
    ({ status, body } = await api.send('POST', taskPath(current, 'decision'), request));
  } finally {
    state.busy = false;
  }

  if (status === 200) {
    stopLease();
    warn('');
    remember(current, decision, labels);
    state.current = null;
    const done = { approve: 'Approved', reject: 'Rejected', escalate: 'Escalated' }[decision];
    await claimNext(current.queue, `${done} task ${taskId(current)}.`);
  } else if (status === 409 || status === 404) {
    await leaseLost(current, body);
  } else if (status !== 401) {
    warn(body?.message ?? `The decision was not taken (${status}).`);
  }
}

async function release(current) {
  stopLease();
  await api.send('POST', taskPath(current, 'release'), { lease_token: current.claim.lease_token });
  state.current = null;
}

// Skip claims the next task before giving this one back, so the reviewer moves on rather than being handed the same
// task again (a released task returns to the front of the queue).
async function skip() {
  const current = state.current;
  if (!current || state.busy) return;
  stopLease();
  state.current = null;
  remember(current, 'skip');
  await claimNext(current.queue, `Skipped task ${taskId(current)}.`, current);
}

async function stop() {
  if (state.current) await release(state.current);
  warn('');
  await loadQueues(true);
}

function remember(current, decision, labels) {
  state.recent.unshift({ id: taskId(current), decision, labels: labels ?? [], at: new Date(), queue: current.queue });
  state.recent.length = Math.min(state.recent.length, RECENT_LIMIT);
  const list = clear($('recent-list'));
  for (const item of state.recent) {
    const what = el('span', { class: `decision-${item.decision}` }, item.decision);
    const labelText = item.labels.length ? ` (${item.labels.join(', ')})` : '';
    list.append(el('li', {}, `${item.at.toLocaleTimeString()} `, what, `${labelText}: task ${item.id}, ${item.queue.project_name || 'project ' + item.queue.project_id} ${item.queue.queue}`));
  }

  $('recent-none').hidden = state.recent.length > 0;
}

function openReject() {
  if (!state.current) return;
  const form = $('reject-form');
  form.hidden = false;
  $('reason').value = '';
  $('label-choices').querySelector('input')?.focus();
}

function closeReject() {
  $('reject-form').hidden = true;
  $('reject').focus();
}

async function submitReject(event) {
  event.preventDefault();
  const labels = [...$('label-choices').querySelectorAll('input:checked')].map(i => i.value);
  const reason = $('reason').value.trim();
  if (labels.length === 0) {
    warn('Choose at least one label to reject with.');
    $('label-choices').querySelector('input')?.focus();
    return;
  }

  if (!reason) {
    warn('Give a reason for the rejection.');
    $('reason').focus();
    return;
  }

  await decide('reject', labels, reason);
}

function toggleReveal() {
  const viewer = $('viewer');
  if (viewer.hidden) return;
  const revealed = viewer.classList.toggle('revealed');
  $('reveal').setAttribute('aria-pressed', String(revealed));
}

// Shortcuts act on the task in view, never while the reviewer types (the reason field) or holds a modifier.
function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select'))) return;
  if (!state.current || $('task').hidden) return;
  if (!$('reject-form').hidden) {
    // While choosing labels, a letter is not a decision; Escape puts the form away.
    if (event.key === 'Escape') closeReject();
    return;
  }

  const action = {
    a: () => decide('approve'),
    r: openReject,
    e: () => { if (!$('escalate').hidden) decide('escalate'); },
    s: skip,
    u: toggleReveal,
  }[event.key.toLowerCase()];
  if (!action) return;
  event.preventDefault();
  action();
}

function wire() {
  wireSettings();
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('refresh-queues').addEventListener('click', () => loadQueues(false));
  $('approve').addEventListener('click', () => decide('approve'));
  $('reject').addEventListener('click', openReject);
  $('escalate').addEventListener('click', () => decide('escalate'));
  $('skip').addEventListener('click', skip);
  $('reveal').addEventListener('click', toggleReveal);
  $('stop').addEventListener('click', stop);
  $('reject-form').addEventListener('submit', submitReject);
  $('reject-cancel').addEventListener('click', closeReject);

  document.addEventListener('keydown', onKey);
  // Leaving the page gives the task back at once rather than when its lease runs out.
  window.addEventListener('pagehide', () => {
    const current = state.current;
    if (current) api.beacon(taskPath(current, 'release'), { lease_token: current.claim.lease_token });
  });
}

wire();
start();
