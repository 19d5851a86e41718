// What every part of the reviewer page uses: the reviewer API, element building (text only), and messages.

/** The element with this id. */
export const elements = id => document.getElementById(id);

/** Empties an element and returns it. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Builds an element; children are nodes or strings, and strings become text, never markup. */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

/** "3 min", "2 h 5 min", "4 d 1 h" for a number of seconds. */
export function age(seconds) {
  const s = Math.max(0, Math.round(Number(seconds) || 0));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** A polite message for screen readers and eyes alike. */
export function say(message) {
  elements('status').textContent = message;
}

/** A problem the reviewer must see; an empty message hides it. */
export function warn(message) {
  const alert = elements('alert');
  alert.textContent = message;
  alert.hidden = !message;
}

// The gateway's pages say 'no-referrer', under which a browser sends "Origin: null" with a POST; the reviewer API
// refuses a cookie request from any origin but its own, so these requests name theirs (and still send no referrer
// anywhere else).
const SAME_ORIGIN = 'same-origin';

/**
 * The reviewer API over the session cookie. Every request that changes something carries the session's CSRF token,
 * which lives only here, in memory.
 */
export const api = {
  csrf: null,
  onUnauthorized: () => {},

  /** Sends a request; answers { status, body } with the parsed JSON body (null when there is none). */
  async send(method, path, body, { quiet401 = false } = {}) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        referrerPolicy: SAME_ORIGIN,
      });
    } catch {
      warn('The service could not be reached. Check your connection and try again.');
      return { status: 0, body: null };
    }

    // The body is always read to its end, even when empty (a 204): a response left unread is cancelled later,
    // which the browser reports as a failed request.
    const text = await response.text().catch(() => '');
    let parsed = null;
    if (text && (response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }

    if (response.status === 401 && !quiet401) this.onUnauthorized();
    return { status: response.status, body: parsed };
  },

  /** A request that may outlive the page (leaving it), with the same headers. */
  beacon(path, body) {
    fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.csrf ?? '' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      referrerPolicy: SAME_ORIGIN,
      keepalive: true,
    }).catch(() => {});
  },
};
