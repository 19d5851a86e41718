// Writes nsfwjs's bundled MobileNetV2 out as a plain TensorFlow.js layers model, the form the silo converts to ONNX:
//   node extract.js OUTDIR   ->  OUTDIR/model.json (topology + weights manifest) and OUTDIR/group1-shard1of1.bin
// nsfwjs 4.3 ships the model as JavaScript modules (the topology as an object literal, each weight shard as a base64
// string) rather than as files; the bytes written here are the shard's, untouched (uint8-quantized, as published).
'use strict';
const fs = require('fs');
const path = require('path');

// nsfwjs's "exports" map hides package.json: walk up from its main entry to the package.json named nsfwjs
// (dist/cjs and dist/esm hold package.json files of their own).
function nsfwjsVersion() {
  let dir = path.dirname(require.resolve('nsfwjs'));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'nsfwjs') return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error('the nsfwjs package.json was not found');
    dir = path.dirname(dir);
  }
}

async function main() {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node extract.js OUTDIR');
  // The public subpath export; dist/models/* is not in "exports".
  const model = require('nsfwjs/models/mobilenet_v2').MobileNetV2Model;
  const json = (await model.modelJson()).default;
  const shards = [];
  for (const load of model.weightBundles) shards.push(Buffer.from((await load()).default, 'base64'));
  const paths = json.weightsManifest.flatMap(group => group.paths);
  if (paths.length !== shards.length) throw new Error(`${paths.length} manifest paths but ${shards.length} shard modules`);

  fs.mkdirSync(outDir, { recursive: true });
  paths.forEach((p, i) => fs.writeFileSync(path.join(outDir, p + '.bin'), shards[i]));
  fs.writeFileSync(path.join(outDir, 'model.json'), JSON.stringify({
    format: 'layers-model',
    generatedBy: 'nsfwjs ' + nsfwjsVersion(),
    convertedBy: null,
    modelTopology: json.modelTopology,
    weightsManifest: json.weightsManifest.map(group => ({ paths: group.paths.map(p => p + '.bin'), weights: group.weights })),
  }));
  console.log(`nsfwjs ${nsfwjsVersion()} MobileNetV2: ${paths.length} shard(s), ${shards.reduce((n, s) => n + s.length, 0)} bytes -> ${outDir}`);
}

main().catch(e => { console.error(e); process.exit(1); });
