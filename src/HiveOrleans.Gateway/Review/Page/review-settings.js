// The reviewer's own display settings (blur until unblurred, grayscale, mute), kept in this browser's localStorage:
// the only thing the page stores.
import { elements as $ } from './review-core.js';

const KEY = 'hive-review-settings';
const DEFAULTS = { blur: true, gray: false, mute: true };

/** The settings in force: blurred and muted unless the reviewer chose otherwise. */
export const settings = load();

function load() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, typeof stored[k] === 'boolean' ? stored[k] : v]));
  } catch {
    return { ...DEFAULTS };
  }
}

/** Applies the settings to the media viewer and shows them in the form. */
export function applySettings() {
  $('set-blur').checked = settings.blur;
  $('set-gray').checked = settings.gray;
  $('set-mute').checked = settings.mute;
  const viewer = $('viewer');
  viewer.classList.toggle('blurred', settings.blur);
  viewer.classList.toggle('gray', settings.gray);
  for (const video of viewer.querySelectorAll('video')) video.muted = settings.mute;
  $('blur-hint').hidden = !settings.blur;
}

/** Applies the settings now and whenever the reviewer changes one. */
export function wireSettings() {
  applySettings();
  for (const [id, key] of [['set-blur', 'blur'], ['set-gray', 'gray'], ['set-mute', 'mute']]) {
    $(id).addEventListener('change', () => {
      settings[key] = $(id).checked;
      localStorage.setItem(KEY, JSON.stringify(settings));
      applySettings();
    });
  }
}
