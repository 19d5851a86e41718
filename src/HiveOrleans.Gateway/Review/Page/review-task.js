// Draws a claimed task: its media (blurred as the reviewer's settings say) or its text with the model's passages
// highlighted, the model's classes and scores, the task's details, and the labels a rejection can carry.
// Everything from the task goes in as text (textContent, attributes), never as markup.
import { elements as $, clear, el, age } from './review-core.js';

/** Renders the claim's task into the task view. */
export function renderTask(claim, queue, settings) {
  const task = claim.task;
  const id = task.task_id ?? task.id;
  const result = task.status?.[0]?.response ?? {};
  const input = result.input ?? {};
  const output = Array.isArray(result.output) ? result.output : [];
  const media = input.media;

  $('task').dataset.taskId = id;
  $('task-title').textContent = `Task ${id}`;
  renderMedia(id, media, settings);
  renderText(media ? null : input.text ?? task.text_data ?? '', output);
  renderScores(output, Boolean(media));
  renderMeta(task, claim, queue, input);
  renderLabels(claim.labels ?? queue.labels ?? []);
}

function renderMedia(id, media, settings) {
  const viewer = $('viewer');
  const box = clear($('media-box'));
  viewer.classList.remove('revealed');
  viewer.hidden = !media;
  if (!media) return;

  const source = `/review/v1/tasks/${encodeURIComponent(id)}/media`;
  if (media.type === 'video') {
    const video = el('video', { controls: '', preload: 'metadata', playsinline: '', 'aria-label': 'The task\'s video' });
    video.muted = settings.mute;
    video.defaultMuted = settings.mute;
    video.src = source;
    box.append(video);
  } else {
    box.append(el('img', { src: source, alt: `The task's ${media.type === 'gif' ? 'animated image' : 'image'}` }));
  }
}

function renderText(text, output) {
  const box = $('text-box');
  box.hidden = text === null;
  if (text === null) return;

  // The model's passages, in order, each drawn once: an overlapping tail is left to the passage it overlaps.
  const target = clear($('text'));
  const spans = output
    .filter(o => Number.isInteger(o.start_char_index) && Number.isInteger(o.end_char_index) && o.end_char_index > o.start_char_index)
    .map(o => ({ start: o.start_char_index, end: Math.min(o.end_char_index, text.length), hits: hits(o.classes) }))
    .filter(s => s.hits.length > 0)
    .sort((a, b) => a.start - b.start);
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at);
    if (start >= span.end) continue;
    if (start > at) target.append(text.slice(at, start));
    const severity = Math.min(3, Math.max(1, Math.ceil(Math.max(...span.hits.map(h => h.score)))));
    const summary = span.hits.map(h => `${h.class} ${h.score}`).join(', ');
    const mark = el('mark', { class: `sev-${severity}`, title: summary }, text.slice(start, span.end));
    mark.append(el('span', { class: 'visually-hidden' }, ` (model: ${summary})`));
    target.append(mark);
    at = span.end;
  }

  if (at < text.length) target.append(text.slice(at));
}

/** The classes the model scored above zero. */
function hits(classes) {
  return (Array.isArray(classes) ? classes : []).filter(c => typeof c?.score === 'number' && c.score > 0);
}

function renderScores(output, visual) {
  const box = clear($('scores'));
  if (output.length === 0) {
    box.append(el('p', { class: 'hint' }, 'The model gave no output for this task.'));
    return;
  }

  // The highest score of each class over the whole task.
  const highest = new Map();
  for (const entry of output) {
    for (const c of Array.isArray(entry.classes) ? entry.classes : []) {
      if (typeof c?.class !== 'string' || typeof c.score !== 'number') continue;
      highest.set(c.class, Math.max(highest.get(c.class) ?? -Infinity, c.score));
    }
  }

  const rows = [...highest].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, score]) => el('tr', {}, el('td', {}, name), el('td', { class: score > 0 ? 'num hit' : 'num' }, String(score))));
  box.append(rows.length === 0
    ? el('p', { class: 'hint' }, 'The model reported no classes.')
    : el('table', { class: 'scores', id: 'score-table' },
      el('caption', {}, visual ? 'Highest score of each class over every frame' : 'Highest score of each class over the text'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Class'), el('th', { scope: 'col' }, 'Score'))),
      el('tbody', {}, ...rows)));

  if (visual) box.append(frameTable(output));
}

/** One row per frame the model looked at: its time and what it found there. */
function frameTable(output) {
  const rows = output.map((entry, i) => {
    const found = hits(entry.classes).map(c => `${c.class} ${c.score}${typeof c.distance === 'number' ? ` (distance ${c.distance})` : ''}`);
    const time = typeof entry.time === 'number' ? `${entry.time.toFixed(1)} s` : String(i);
    const cell = el('td', {}, time);
    const video = $('media-box').querySelector('video');
    if (video && typeof entry.time === 'number') {
      const seek = el('button', { type: 'button', class: 'seek' }, time);
      seek.addEventListener('click', () => { video.currentTime = entry.time; });
      clear(cell).append(seek);
    }

    return el('tr', {}, cell, el('td', { class: found.length ? 'hit' : '' }, found.length ? found.join(', ') : 'nothing found'));
  });
  return el('div', { class: 'frames' },
    el('table', { class: 'scores', id: 'frame-table' },
      el('caption', {}, `Frames (${output.length})`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Time'), el('th', { scope: 'col' }, 'Model found'))),
      el('tbody', {}, ...rows)));
}

function renderMeta(task, claim, queue, input) {
  const list = clear($('meta'));
  const add = (term, value) => {
    if (value === undefined || value === null || value === '') return;
    list.append(el('dt', {}, term), el('dd', {}, String(value)));
  };

  add('Project', `${queue.project_name || ''} (${task.project_id ?? queue.project_id})`.trim());
  add('Queue', claim.queue ?? queue.queue);
  if (claim.queued_on) add('Waiting for', `${age((Date.now() - Date.parse(claim.queued_on)) / 1000)} (since ${claim.queued_on})`);
  add('Submitted', task.created_on);
  const media = input.media;
  if (media) {
    const size = media.width && media.height ? `${media.width}×${media.height}` : null;
    const duration = typeof media.duration === 'number' ? `${media.duration} s` : null;
    add('Media', [media.type, media.mimetype, size, duration].filter(Boolean).join(', '));
    add('File name', media.filename);
    if (typeof media.size === 'number') add('Size', `${Math.ceil(media.size / 1024)} KiB`);
  } else if (typeof input.text === 'string') {
    add('Length', `${input.text.length} characters`);
  }

  add('Language', task.status?.[0]?.response?.language);
  add('Metadata', task.metadata);
  add('From cache', task.from_cache ? 'yes: the model\'s stored answer for the same content' : null);
}

function renderLabels(labels) {
  const box = clear($('label-choices'));
  for (const label of labels) {
    box.append(el('label', {}, el('input', { type: 'checkbox', name: 'labels', value: label }), label));
  }

  if (labels.length === 0) box.append(el('p', { class: 'hint' }, 'This project has no labels to reject with.'));
}
