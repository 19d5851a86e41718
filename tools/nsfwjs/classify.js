// The reference the conformance tests compare with: nsfwjs's MobileNetV2 on @tensorflow/tfjs (its pure-JS cpu
// backend), fully offline, on pixels the caller decoded.
//   node classify.js [--backend cpu|wasm] FILE...   FILE: a binary PPM (P6, maxval 255)
// Prints one JSON object on stdout: {backend, tfjs, nsfwjs, results: [{file, width, height, probabilities: {Drawing,
// Hentai, Neutral, Porn, Sexy}}]}. The tests hand over PPMs of the RGB our decoder produced, because JPEG decoders
// differ by a few levels per pixel, which moves the probabilities by up to 1e-2.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const nsfwjs = require('nsfwjs');

function readPpm(file) {
  const buf = fs.readFileSync(file);
  const tokens = [];
  let pos = 0;
  const space = c => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  while (tokens.length < 4) {
    while (space(buf[pos]) || buf[pos] === 0x23) {
      if (buf[pos] === 0x23) { while (buf[pos] !== 0x0a) pos++; } else pos++;
    }
    const start = pos;
    while (!space(buf[pos])) pos++;
    tokens.push(buf.toString('latin1', start, pos));
  }
  pos++;
  if (tokens[0] !== 'P6' || tokens[3] !== '255') throw new Error(`${file}: only binary P6 PPM with maxval 255`);
  const width = +tokens[1], height = +tokens[2];
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset + pos, width * height * 3) };
}

function version(name) {
  const entry = require.resolve(name);
  const root = entry.slice(0, entry.lastIndexOf('node_modules') + 'node_modules/'.length) + name;
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
}

async function main() {
  console.info = (...a) => console.error(...a);   // nsfwjs prints its banner with console.info: keep stdout JSON
  const files = process.argv.slice(2);
  let backend = 'cpu';
  if (files[0] === '--backend') { backend = files[1]; files.splice(0, 2); }
  if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(backend);
  await tf.ready();
  const model = await nsfwjs.load('MobileNetV2');
  const results = [];
  for (const file of files) {
    const image = readPpm(file);
    const pixels = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
    const output = model.infer(pixels);           // softmax of dense_3 after nsfwjs's own preprocessing
    const p = await output.data();
    output.dispose();
    pixels.dispose();
    results.push({ file, width: image.width, height: image.height,
      probabilities: { Drawing: p[0], Hentai: p[1], Neutral: p[2], Porn: p[3], Sexy: p[4] } });
  }
  process.stdout.write(JSON.stringify({ backend, tfjs: version('@tensorflow/tfjs'), nsfwjs: version('nsfwjs'), results }) + '\n');
}

main().catch(e => { console.error(e); process.exit(1); });
