// Offline check of Kubernetes manifests, no cluster and no network needed:
//   node validate.mjs --kustomization ../kustomization.yaml [--also FILE]...   every resource it lists, and the extra files
//   node validate.mjs FILE...                                                  the objects in these files
//   node validate.mjs --self-test                                              broken fixtures must be rejected, for the reason they name
// Each object is checked three ways:
//   1. schema: kubernetes-models' JSON-schema validators, generated from the Kubernetes OpenAPI spec (types, enums,
//      formats such as quantities, required fields);
//   2. strict fields: those validators let unknown fields through (the OpenAPI schemas do not forbid them; only a
//      live API server's field validation does), so a misspelt field would pass; the same package's type
//      declarations list every field, and a walk over them with the TypeScript compiler's type checker rejects any
//      field they do not name;
//   3. references between the objects checked together: workload selectors match their pod labels, Services and
//      PodDisruptionBudgets select some pod template, secretKeyRefs name a Secret and key that exist, probes and
//      Services name ports that the containers declare.
// Prints one line per object and exits 1 if any object is invalid, 2 on a usage error.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const YAML = require("yaml");
const ts = require("typescript");

// ---- reading -------------------------------------------------------------------------------------------------

/** Every document of a YAML file as { file, index, object, reasons }; reasons holds YAML errors; empty documents are skipped. */
function readObjects(file) {
  const text = readFileSync(file, "utf8");
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const result = [];
  docs.forEach((doc, index) => {
    const errors = [...doc.errors, ...doc.warnings].map((e) => `YAML: ${e.message.split("\n")[0]}`);
    if (errors.length > 0) {
      result.push({ file, index, object: null, reasons: errors });
      return;
    }
    let object;
    try {
      object = doc.toJS();
    } catch (error) {
      result.push({ file, index, object: null, reasons: [`YAML: ${error.message.split("\n")[0]}`] });
      return;
    }
    if (object !== null && object !== undefined) {
      result.push({ file, index, object, reasons: [] });
    }
  });
  return result;
}

// ---- which model ----------------------------------------------------------------------------------------------

const groupPattern = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const versionPattern = /^v[0-9]+((alpha|beta)[0-9]+)?$/;
const kindPattern = /^[A-Z][A-Za-z0-9]*$/;

/** The kubernetes-models module for an apiVersion and kind ("apps/v1", "Deployment" → "kubernetes-models/apps/v1/Deployment"). */
function modelModule(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return { error: "apiVersion and kind must both be set, as strings" };
  }
  const parts = apiVersion.split("/");
  const [group, version] = parts.length === 1 ? ["", parts[0]] : parts.length === 2 ? parts : [null, null];
  if (group === null || (group !== "" && !groupPattern.test(group)) || !versionPattern.test(version) || !kindPattern.test(kind)) {
    return { error: `unknown apiVersion/kind ${apiVersion} ${kind}` };
  }
  const specifier = `kubernetes-models/${group === "" ? "" : `${group}/`}${version}/${kind}`;
  try {
    const module = require(specifier);
    // Parts of objects (DeploymentSpec, Container) have models too, without an apiVersion and kind of their own.
    if (typeof module[kind] !== "function" || module[kind].kind !== kind || module[kind].apiVersion !== apiVersion) {
      throw new Error("no model");
    }
    return { specifier, Model: module[kind] };
  } catch {
    return { error: `unknown apiVersion/kind ${apiVersion} ${kind} (not in kubernetes-models ${packageVersion("kubernetes-models")})` };
  }
}

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

// ---- 1. schema ------------------------------------------------------------------------------------------------

function schemaReasons(Model, object) {
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    if (!Array.isArray(error.errors)) {
      return [`schema: ${error.message}`];
    }
    // oneOf failures (IntOrString, Quantity) repeat under each branch; the branch errors name the real problem.
    return error.errors
      .filter((e) => e.keyword !== "oneOf")
      .map((e) => `${jsonPointerToPath(e.instancePath)}: ${e.message}`);
  }
}

function jsonPointerToPath(pointer) {
  if (!pointer) {
    return "(object)";
  }
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, p) => (/^[0-9]+$/.test(p) ? `${path}[${p}]` : path === "" ? p : `${path}.${p}`), "");
}

// ---- 2. strict fields -----------------------------------------------------------------------------------------

/**
 * The declared TypeScript type of each model interface (IDeployment, IService, ...), from one program over
 * kubernetes-models' .d.ts files. Building a program is the slow part (about a second), so one is kept and rebuilt
 * only when a kind it does not cover turns up, covering every kind seen so far.
 */
let typeCache = { checker: null, types: new Map() };

// What these manifests use, so that one program usually serves a whole run, self-test included.
const commonSpecifiers = [
  "kubernetes-models/v1/Namespace", "kubernetes-models/v1/Secret", "kubernetes-models/v1/Service",
  "kubernetes-models/apps/v1/Deployment", "kubernetes-models/apps/v1/StatefulSet", "kubernetes-models/policy/v1/PodDisruptionBudget",
];

function declaredTypes(specifiers) {
  if (specifiers.every((s) => typeCache.types.has(s))) {
    return typeCache;
  }
  typeCache = buildDeclaredTypes([...new Set([...commonSpecifiers, ...typeCache.types.keys(), ...specifiers])]);
  return typeCache;
}

function buildDeclaredTypes(specifiers) {
  const entryName = join(here, "__strict_fields_entry__.ts");
  const lines = specifiers.map((s, i) => `import type { I${s.split("/").pop()} as T${i} } from "${s}";\nexport declare const v${i}: T${i};`);
  const entryText = lines.join("\n");
  const options = {
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    moduleResolution: ts.ModuleResolutionKind.Node10,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
  };
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (resolve(f) === entryName ? entryText : readFile(f));
  host.fileExists = (f) => resolve(f) === entryName || fileExists(f);
  host.getSourceFile = (f, language, onError, create) =>
    resolve(f) === entryName ? ts.createSourceFile(f, entryText, language, true) : getSourceFile(f, language, onError, create);
  const program = ts.createProgram([entryName], options, host);
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(entryName);
  // A declaration that did not resolve would type as `any` and let every field through: stop instead.
  const problems = [...program.getSyntacticDiagnostics(entry), ...program.getSemanticDiagnostics(entry)];
  if (problems.length > 0) {
    throw new Error(`kubernetes-models' type declarations did not load: ${ts.flattenDiagnosticMessageText(problems[0].messageText, " ")}`);
  }
  const types = new Map();
  entry.statements.filter(ts.isVariableStatement).forEach((statement, i) => {
    const type = checker.getTypeAtLocation(statement.declarationList.declarations[0].name);
    if (type.flags & ts.TypeFlags.Any || checker.getPropertiesOfType(type).length === 0) {
      throw new Error(`kubernetes-models' type declarations did not load: ${specifiers[i]} has no fields`);
    }
    types.set(specifiers[i], type);
  });
  return { checker, types };
}

function unknownFieldReasons(checker, type, value, path, reasons) {
  if (value === null || typeof value !== "object") {
    return; // a scalar's type is the schema's to judge
  }
  const declared = checker.getNonNullableType(type);
  if (declared.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) {
    return; // free-form (RawExtension, JSON): anything goes
  }
  const objectTypes = (declared.isUnion() ? declared.types : [declared]).filter((t) => t.flags & ts.TypeFlags.Object);
  if (Array.isArray(value)) {
    const arrays = objectTypes.filter((t) => checker.isArrayType(t));
    if (arrays.length === 1) {
      const element = checker.getTypeArguments(arrays[0])[0];
      value.forEach((item, i) => unknownFieldReasons(checker, element, item, `${path}[${i}]`, reasons));
    }
    return;
  }
  const records = objectTypes.filter((t) => !checker.isArrayType(t));
  if (records.length !== 1) {
    return; // a scalar type, or an ambiguous one: the schema says whether an object fits
  }
  const record = records[0];
  const index = checker.getIndexInfoOfType(record, ts.IndexKind.String);
  const known = checker.getPropertiesOfType(record);
  if (known.length === 0 && !index) {
    return; // `{}`: free-form
  }
  for (const [key, item] of Object.entries(value)) {
    const where = path === "" ? key : `${path}.${key}`;
    const property = checker.getPropertyOfType(record, key);
    if (property) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
      unknownFieldReasons(checker, propertyType, item, where, reasons);
    } else if (index) {
      unknownFieldReasons(checker, index.type, item, where, reasons);
    } else {
      reasons.push(`${where}: unknown field`);
    }
  }
}

// ---- 3. references between the objects -----------------------------------------------------------------------
// These run on every object, valid or not, so they read defensively: a field of the wrong shape is the schema's to
// report, not a reason to stop.

const workloadKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);
const list = (x) => (Array.isArray(x) ? x : []);
const map = (x) => (x !== null && typeof x === "object" && !Array.isArray(x) ? x : {});

function podTemplates(objects) {
  return objects
    .filter((o) => o.object && workloadKinds.has(o.object.kind))
    .map((o) => map(map(o.object.spec).template))
    .map((t) => ({ labels: map(map(t.metadata).labels), spec: map(t.spec) }));
}

function matches(selector, labels) {
  const matchLabels = map(map(selector).matchLabels);
  const expressions = list(map(selector).matchExpressions).map(map);
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
    return false; // an empty selector selects everything, which is never what these manifests mean
  }
  return (
    Object.entries(matchLabels).every(([k, v]) => labels[k] === v) &&
    expressions.every((e) =>
      e.operator === "In" ? list(e.values).includes(labels[e.key])
      : e.operator === "NotIn" ? !list(e.values).includes(labels[e.key])
      : e.operator === "Exists" ? e.key in labels
      : e.operator === "DoesNotExist" ? !(e.key in labels)
      : false,
    )
  );
}

/** Every container of a pod spec with the path it is reported under. */
function containersOf(spec, base) {
  return ["initContainers", "containers"].flatMap((field) =>
    list(spec[field]).map((c, i) => ({ container: map(c), path: `${base}.${field}[${i}]` })),
  );
}

function referenceReasons(objects) {
  const templates = podTemplates(objects);
  const secrets = new Map(
    objects
      .filter((o) => o.object?.kind === "Secret")
      .map((o) => [map(o.object.metadata).name, new Set([...Object.keys(map(o.object.data)), ...Object.keys(map(o.object.stringData))])]),
  );
  const services = new Set(objects.filter((o) => o.object?.kind === "Service").map((o) => map(o.object.metadata).name));
  const seen = new Map();

  for (const o of objects.filter((x) => x.object)) {
    const kind = o.object.kind;
    const metadata = map(o.object.metadata);
    const spec = map(o.object.spec);
    const id = `${o.object.apiVersion} ${kind} ${metadata.namespace ?? ""}/${metadata.name}`;
    if (seen.has(id)) {
      o.reasons.push(`metadata.name: ${kind} ${metadata.name} is also defined in ${seen.get(id)}`);
    }
    seen.set(id, label(o));

    if (workloadKinds.has(kind)) {
      const template = map(spec.template);
      if (!matches(spec.selector, map(map(template.metadata).labels))) {
        o.reasons.push("spec.selector: does not match spec.template.metadata.labels");
      }
      if (kind === "StatefulSet" && spec.serviceName && !services.has(spec.serviceName)) {
        o.reasons.push(`spec.serviceName: no Service named ${spec.serviceName}`);
      }
      for (const { container, path } of containersOf(map(template.spec), "spec.template.spec")) {
        const ports = list(container.ports).map(map);
        list(container.env).map(map).forEach((e, ei) => {
          const ref = map(map(e.valueFrom).secretKeyRef);
          if (ref.name === undefined || ref.optional === true) {
            return;
          }
          if (!secrets.has(ref.name)) {
            o.reasons.push(`${path}.env[${ei}] (${e.name}): no Secret named ${ref.name} among the objects checked`);
          } else if (!secrets.get(ref.name).has(ref.key)) {
            o.reasons.push(`${path}.env[${ei}] (${e.name}): Secret ${ref.name} has no key ${ref.key}`);
          }
        });
        for (const probeName of ["startupProbe", "readinessProbe", "livenessProbe"]) {
          const probe = map(container[probeName]);
          const port = map(probe.tcpSocket).port ?? map(probe.httpGet).port ?? map(probe.grpc).port;
          if (typeof port === "string" && !ports.some((p) => p.name === port)) {
            o.reasons.push(`${path}.${probeName}: the container has no port named ${port}`);
          } else if (typeof port === "number" && !ports.some((p) => p.containerPort === port)) {
            o.reasons.push(`${path}.${probeName}: the container does not declare port ${port}`);
          }
        }
      }
    }

    if (kind === "Service" && Object.keys(map(spec.selector)).length > 0) {
      const selected = templates.filter((t) => matches({ matchLabels: spec.selector }, t.labels));
      if (selected.length === 0) {
        o.reasons.push("spec.selector: selects no pod template among the objects checked");
      }
      list(spec.ports).map(map).forEach((p, pi) => {
        if (typeof p.targetPort !== "string") {
          return;
        }
        const named = selected.some((t) =>
          containersOf(t.spec, "").some(({ container }) => list(container.ports).some((cp) => map(cp).name === p.targetPort)),
        );
        if (!named) {
          o.reasons.push(`spec.ports[${pi}].targetPort: no selected container has a port named ${p.targetPort}`);
        }
      });
    }

    if (kind === "PodDisruptionBudget" && !templates.some((t) => matches(spec.selector, t.labels))) {
      o.reasons.push("spec.selector: selects no pod template among the objects checked");
    }
  }
}

// ---- kustomization --------------------------------------------------------------------------------------------

// The fields of kustomize's Kustomization (kustomize.config.k8s.io/v1beta1); anything else is a typo.
const kustomizationFields = new Set([
  "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels",
  "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches", "images", "replacements", "replicas",
  "vars", "sortOptions", "resources", "components", "crds", "configMapGenerator", "secretGenerator", "helmGlobals",
  "helmCharts", "generatorOptions", "configurations", "generators", "transformers", "validators", "buildMetadata",
]);

/** The files a kustomization lists, with problems in the kustomization itself (unknown fields, missing or unlisted files). */
function readKustomization(file) {
  const [doc] = readObjects(file);
  const entry = { file, index: 0, object: null, reasons: [...(doc?.reasons ?? [])], isKustomization: true };
  const k = doc?.object ?? {};
  if (entry.reasons.length === 0) {
    if (k.apiVersion !== "kustomize.config.k8s.io/v1beta1" || k.kind !== "Kustomization") {
      entry.reasons.push("expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization");
    }
    Object.keys(k).filter((f) => !kustomizationFields.has(f)).forEach((f) => entry.reasons.push(`${f}: unknown field`));
  }
  const dir = dirname(file);
  const resources = Array.isArray(k.resources) ? k.resources : [];
  const files = [];
  for (const r of resources) {
    const path = join(dir, String(r));
    if (!existsSync(path)) {
      entry.reasons.push(`resources: ${r} not found`);
    } else {
      files.push(path);
    }
  }
  // A manifest added beside the kustomization but not listed would never be applied: say so. Examples are not applied.
  const listed = new Set(files.map((f) => resolve(f)));
  for (const name of readdirSync(dir)) {
    if (/\.ya?ml$/.test(name) && name !== basename(file) && !/\.example\.ya?ml$/.test(name) && !listed.has(resolve(dir, name))) {
      entry.reasons.push(`resources: ${name} is beside the kustomization but not listed`);
    }
  }
  return { entry, files, namespace: k.namespace };
}

// ---- running --------------------------------------------------------------------------------------------------

function label(o) {
  const where = `${relative(process.cwd(), o.file) || o.file}${o.index > 0 ? `#${o.index + 1}` : ""}`;
  if (o.isKustomization) {
    return `${where} Kustomization`;
  }
  if (!o.object) {
    return where;
  }
  const m = o.object.metadata ?? {};
  return `${where} ${o.object.apiVersion ?? "?"} ${o.object.kind ?? "?"} ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"}`;
}

/** Checks the files (and the kustomization, if given); returns every object with its reasons, empty when valid. */
export function check({ kustomization, files = [] }) {
  const objects = [];
  let namespace;
  if (kustomization) {
    const k = readKustomization(kustomization);
    objects.push(k.entry);
    files = [...k.files, ...files];
    namespace = k.namespace;
  }
  for (const f of files) {
    objects.push(...readObjects(f));
  }

  const models = new Map();
  for (const o of objects.filter((x) => x.object)) {
    if (typeof o.object !== "object" || Array.isArray(o.object)) {
      o.reasons.push("a manifest must be a mapping");
      o.object = null;
      continue;
    }
    const model = modelModule(o.object.apiVersion, o.object.kind);
    if (model.error) {
      o.reasons.push(model.error);
      continue;
    }
    models.set(o, model);
    o.reasons.push(...schemaReasons(model.Model, o.object));
    if (typeof o.object.metadata?.name !== "string" || o.object.metadata.name === "") {
      o.reasons.push("metadata.name: must be set");
    }
    if (namespace && o.object.metadata?.namespace && o.object.metadata.namespace !== namespace) {
      o.reasons.push(`metadata.namespace: ${o.object.metadata.namespace}, but the kustomization sets ${namespace}`);
    }
  }

  if (models.size > 0) {
    const { checker, types } = declaredTypes([...new Set([...models.values()].map((m) => m.specifier))]);
    for (const [o, model] of models) {
      unknownFieldReasons(checker, types.get(model.specifier), o.object, "", o.reasons);
    }
  }

  referenceReasons(objects);
  return objects;
}

function report(objects, write = console.log) {
  for (const o of objects) {
    write(`${o.reasons.length === 0 ? "ok     " : "INVALID"} ${label(o)}`);
    for (const r of o.reasons) {
      write(`          ${r}`);
    }
  }
  return objects.filter((o) => o.reasons.length > 0).length;
}

/**
 * Every fixture under fixtures/ names what must be wrong with it in a first line `# expect: <text>`, or
 * `# expect: valid`. A broken fixture passes only if some object is rejected with a reason containing <text>, so
 * the self-test fails if any check stops working, and the valid fixture keeps a validator that rejects everything
 * from passing it.
 */
function selfTest() {
  const dir = join(here, "fixtures");
  const names = readdirSync(dir).filter((n) => n.endsWith(".yaml")).sort();
  let failures = 0;
  for (const name of names) {
    const file = join(dir, name);
    const expect = /^# expect: (.+)$/m.exec(readFileSync(file, "utf8"))?.[1]?.trim();
    if (!expect) {
      console.log(`self-test FAIL ${name}: no '# expect:' line`);
      failures++;
      continue;
    }
    const objects = check({ files: [file] });
    const reasons = objects.flatMap((o) => o.reasons);
    const passed = expect === "valid" ? reasons.length === 0 : reasons.some((r) => r.includes(expect));
    if (passed) {
      console.log(`self-test ok   ${name}: ${expect === "valid" ? "accepted" : `rejected (${reasons.find((r) => r.includes(expect))})`}`);
    } else {
      failures++;
      console.log(`self-test FAIL ${name}: expected ${expect === "valid" ? "no rejection" : `a rejection mentioning "${expect}"`}, got:`);
      report(objects, (line) => console.log(`  ${line}`));
    }
  }
  console.log(`self-test: ${names.length - failures} of ${names.length} fixtures behaved as expected`);
  return failures === 0 && names.length > 0;
}

function main(argv) {
  if (argv[0] === "--self-test") {
    return selfTest() ? 0 : 1;
  }
  let kustomization;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--kustomization" && argv[i + 1]) {
      kustomization = argv[++i];
    } else if (argv[i] === "--also" && argv[i + 1]) {
      files.push(argv[++i]);
    } else if (!argv[i].startsWith("--")) {
      files.push(argv[i]);
    } else {
      console.error(`usage: node validate.mjs [--self-test | --kustomization FILE [--also FILE]... | FILE...] (unknown ${argv[i]})`);
      return 2;
    }
  }
  if (!kustomization && files.length === 0) {
    console.error("usage: node validate.mjs [--self-test | --kustomization FILE [--also FILE]... | FILE...]");
    return 2;
  }
  const objects = check({ kustomization, files });
  const invalid = report(objects);
  console.log(
    `kubernetes-models ${packageVersion("kubernetes-models")}: ${objects.length - invalid} of ${objects.length} objects valid` +
      (invalid > 0 ? `, ${invalid} INVALID` : ""),
  );
  return invalid > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`validate.mjs: ${error.message}`);
    process.exitCode = 2;
  }
}
