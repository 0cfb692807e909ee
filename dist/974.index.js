export const id = 974;
export const ids = [974];
export const modules = {

/***/ 7377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _s: () => (/* binding */ planCache),
/* harmony export */   w1: () => (/* binding */ ghaAvailable),
/* harmony export */   wn: () => (/* binding */ cacheStats)
/* harmony export */ });
/* unused harmony exports GHA_MIN_BUILDX, GHA_MIN_BUILDKIT, cacheScope, cacheWrites, versionAtLeast */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9799);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1977);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9506);





/** buildx and BuildKit releases that speak the GitHub cache service v2 (the only one since April 2025). */
const GHA_MIN_BUILDX = '0.21.0';
const GHA_MIN_BUILDKIT = '0.20.0';
function ghaAvailable(env) {
    return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL));
}
/** Legs and the single job each get their own scope, so they never evict one another. */
function cacheScope(images, target, platforms, leg) {
    const image = ((0,_refs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseReference */ .F2)(images[0] ?? '')?.repository ?? 'image').split('/').slice(-2).join('-');
    const parts = [image, target ?? '', platforms.map(_platforms_js__WEBPACK_IMPORTED_MODULE_2__/* .platformSlug */ .DN).join('.'), leg ? 'leg' : 'all'];
    const scope = parts.filter(Boolean).join('_');
    if (scope.length <= 100)
        return scope;
    return `${scope.slice(0, 80)}_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(scope).digest('hex').slice(0, 16)}`;
}
/** auto: write on pushes, tags, schedules and manual runs; read-only on pull requests (no PR evicts main). */
function cacheWrites(policy, eventName) {
    if (policy !== 'auto')
        return policy === 'always';
    return !/^pull_request/.test(eventName ?? '');
}
function versionAtLeast(version, min) {
    const parse = (v) => (/(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1, 4).map(Number);
    const a = parse(version);
    const b = parse(min);
    if (a.length < 3)
        return true; // unknown (e.g. a dev build): do not block
    for (let i = 0; i < 3; i++)
        if (a[i] !== b[i])
            return a[i] > b[i];
    return true;
}
function planCache(inputs, platforms, ctx) {
    const write = cacheWrites(inputs.cacheWrite, ctx.eventName);
    if (inputs.cacheFrom.length || inputs.cacheTo.length) {
        return {
            backend: 'explicit',
            write: inputs.cacheTo.length > 0,
            from: inputs.cacheFrom,
            to: inputs.cacheTo,
        };
    }
    // With no image, metadata-action style full tags still name the repository the scope belongs to.
    const images = inputs.images.length ? inputs.images : (0,_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .repositoriesOf */ .U)((0,_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveTags */ .y)([], inputs.tags));
    const scope = cacheScope(images, inputs.target, platforms, inputs.mode === 'build');
    let backend = inputs.cache;
    let notice;
    if (backend === 'auto') {
        if (ctx.ghaAvailable && ctx.driver !== 'docker')
            backend = 'gha';
        else {
            backend = 'off';
            notice = ctx.ghaAvailable
                ? 'Layer cache off: the docker driver cannot export to the GitHub cache; use driver: docker-container, or cache: registry'
                : 'Layer cache off: the GitHub Actions cache service is not available to this step; set cache: registry (or local) to keep layers between runs';
        }
    }
    if (backend === 'gha') {
        const old = ctx.buildxVersion && !versionAtLeast(ctx.buildxVersion, GHA_MIN_BUILDX)
            ? `buildx ${ctx.buildxVersion} (needs ${GHA_MIN_BUILDX}+; set buildx-version)`
            : ctx.buildkitVersion && !versionAtLeast(ctx.buildkitVersion, GHA_MIN_BUILDKIT)
                ? `BuildKit ${ctx.buildkitVersion} (needs ${GHA_MIN_BUILDKIT}+; set buildkit-image)`
                : undefined;
        if (old) {
            return {
                backend: 'off',
                write: false,
                from: [],
                to: [],
                notice: `Layer cache off: ${old} predates the GitHub cache service v2`,
            };
        }
    }
    const suffix = (ref) => `${ref}-${scope.split('_').slice(1).join('_') || 'default'}`;
    switch (backend) {
        case 'off':
            return { backend, write: false, from: [], to: [], ...(notice ? { notice } : {}) };
        case 'gha':
            return {
                backend,
                scope,
                write,
                from: [`type=gha,scope=${scope}`],
                to: write ? [`type=gha,scope=${scope},mode=max,ignore-error=true`] : [],
            };
        case 'registry': {
            const ref = suffix(inputs.cacheRef ?? `${inputs.images[0]}:buildcache`);
            return {
                backend,
                scope: ref,
                write,
                from: [`type=registry,ref=${ref}`],
                to: write ? [`type=registry,ref=${ref},mode=max,ignore-error=true`] : [],
            };
        }
        case 'local': {
            // BuildKit cannot export a local cache onto the directory it imports from: write beside it, then swap.
            const src = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(ctx.tempDir, scope);
            const dest = `${src}.new`;
            return {
                backend,
                scope,
                write,
                from: [`type=local,src=${src}`],
                to: write ? [`type=local,dest=${dest},mode=max,ignore-error=true`] : [],
                localDirs: { src, dest },
            };
        }
    }
}
/** Per platform, how many build steps came from cache and how many ran, read from `--progress plain`. */
function cacheStats(log, platforms) {
    const stats = new Map(platforms.map((p) => [p, { cached: 0, executed: 0 }]));
    const stepPlatform = new Map();
    const cached = new Set();
    const done = new Set();
    for (const line of log.split('\n')) {
        // `#12 [linux/arm/v7 stage-0 3/3] RUN …`; single-platform builds omit the platform.
        const step = /^#(\d+) \[([^\]]*?)\d+\/\d+\] (?:RUN|COPY|ADD|WORKDIR)\b/.exec(line);
        if (step) {
            const named = step[2].split(/\s+/).find((w) => /^(linux|windows)\//.test(w));
            const platform = named ?? (platforms.length === 1 ? platforms[0] : undefined);
            if (platform)
                stepPlatform.set(step[1], platform);
            continue;
        }
        const status = /^#(\d+) (CACHED|DONE)\b/.exec(line);
        if (status)
            (status[2] === 'CACHED' ? cached : done).add(status[1]);
    }
    for (const [id, platform] of stepPlatform) {
        const entry = stats.get(platform);
        if (!entry)
            continue;
        if (cached.has(id))
            entry.cached++;
        else if (done.has(id))
            entry.executed++;
    }
    return stats;
}


/***/ }),

/***/ 7989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ actionsCacheStore),
/* harmony export */   Sm: () => (/* binding */ handoffKey),
/* harmony export */   Yb: () => (/* binding */ recordLeg),
/* harmony export */   nK: () => (/* binding */ resolveHandoff),
/* harmony export */   ox: () => (/* binding */ handoffKeyPrefix),
/* harmony export */   u3: () => (/* binding */ legTags),
/* harmony export */   vE: () => (/* binding */ defaultTagBase)
/* harmony export */ });
/* unused harmony exports HANDOFF_PATH, legRecord */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7377);
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9799);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9506);








/** auto: the Actions cache when it is there, except on the docker driver, which cannot push by digest. */
function resolveHandoff(mode, env, driver) {
    if (mode !== 'auto')
        return mode;
    return (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__/* .ghaAvailable */ .w1)(env) && driver !== 'docker' ? 'cache' : 'tags';
}
const runId = (env) => env.GITHUB_RUN_ID ?? 'local';
/** The per-platform tag base when a leg has no bare tag of its own: unique to the workflow run. */
const defaultTagBase = (env) => `run-${runId(env)}`;
/** `<image>:<base>-<os>-<arch>[-<variant>]` for every image and base (arm/v6 and arm/v7 stay apart). */
function legTags(images, tags, platform, env) {
    const bases = tags.length ? tags : [defaultTagBase(env)];
    return (0,_tags_js__WEBPACK_IMPORTED_MODULE_7__/* .resolveTags */ .y)(images, bases, `-${(0,_platforms_js__WEBPACK_IMPORTED_MODULE_6__/* .platformSlug */ .DN)(platform)}`);
}
/** Cache keys: one immutable entry per image set, platform, run and attempt. */
function handoffKeyPrefix(images, platform, env) {
    const imageSet = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256')
        .update([...images].sort().join('\n'))
        .digest('hex')
        .slice(0, 12);
    return `multiarch-handoff-${imageSet}-${(0,_platforms_js__WEBPACK_IMPORTED_MODULE_6__/* .platformSlug */ .DN)(platform)}-${runId(env)}-`;
}
const handoffKey = (images, platform, env) => `${handoffKeyPrefix(images, platform, env)}${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
/**
 * The Actions cache versions an entry by the path list it was saved with, so legs and merge must name the
 * same path: one relative to the workspace (where the cache tars from), the same on every runner.
 */
const HANDOFF_PATH = '.multiarch-handoff/record.json';
function actionsCacheStore(workspace = process.env.GITHUB_WORKSPACE || process.cwd()) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(workspace, HANDOFF_PATH);
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(workspace, '.multiarch-handoff');
    return {
        async save(key, record) {
            const cache = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(dir, { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(file, JSON.stringify(record));
            try {
                await cache.saveCache([HANDOFF_PATH], key);
            }
            catch (e) {
                // Re-running the same attempt finds its entry already there: the record is identical, so keep it.
                if (!/already exists|ReserveCacheError/i.test(`${e.name} ${e.message}`))
                    throw e;
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
            }
        },
        async load(prefix, exactKey) {
            const cache = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
            try {
                const hit = await cache.restoreCache([HANDOFF_PATH], exactKey, [prefix]);
                if (!hit)
                    return undefined;
                return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(file, 'utf8'));
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
            }
        },
    };
}
function legRecord(inputs, platform, platforms, digest, env) {
    return {
        version: 1,
        platform: (0,_platforms_js__WEBPACK_IMPORTED_MODULE_6__/* .formatPlatform */ .Bq)(platform),
        legPlatforms: platforms.map(_platforms_js__WEBPACK_IMPORTED_MODULE_6__/* .formatPlatform */ .Bq),
        images: inputs.images,
        digest,
        runId: runId(env),
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        job: env.GITHUB_JOB ?? '',
    };
}
/** After a leg's build: record where each of its platforms can be found by the merge job. */
async function recordLeg(inputs, platforms, result, summary, store) {
    const mode = resolveHandoff(inputs.handoff, process.env, inputs.driver);
    if (!result.digest)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('handoff', 'the build reported no digest; nothing to hand to the merge job');
    const lines = [];
    if (mode === 'tags') {
        for (const p of platforms)
            lines.push(...legTags(inputs.images, inputs.tags, p, process.env));
    }
    else {
        const target = store ?? actionsCacheStore();
        for (const p of platforms) {
            const key = handoffKey(inputs.images, p, process.env);
            try {
                await target.save(key, legRecord(inputs, p, platforms, result.digest, process.env));
            }
            catch (e) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('handoff', `could not save ${key} to the Actions cache (${e.message}); set handoff: tags to hand off through the registry`, 'handoff');
            }
            lines.push(`cache:${key}`);
        }
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Handed off ${result.digest} as ${lines.join(', ')}`);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('handoff', lines.join('\n'));
    summary.facts.push(['Handoff', `${mode}: ${lines.map((l) => `<code>${l}</code>`).join(', ')}`]);
}


/***/ }),

/***/ 5546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   Wd: () => (/* binding */ diffPlatforms),
/* harmony export */   bw: () => (/* binding */ manifestPlatform),
/* harmony export */   fA: () => (/* binding */ descriptorPlatform),
/* harmony export */   fY: () => (/* binding */ lookupRaw),
/* harmony export */   hD: () => (/* binding */ inspectRaw),
/* harmony export */   nw: () => (/* binding */ isIndex),
/* harmony export */   sA: () => (/* binding */ registryReason),
/* harmony export */   sc: () => (/* binding */ sha256),
/* harmony export */   uf: () => (/* binding */ verifyPublished)
/* harmony export */ });
/* unused harmony exports indexPlatforms, READ_RETRY, isNotFound, checkPublished */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3190);
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9799);




const isIndex = (m) => Array.isArray(m.manifests);
/** Attestation manifests ride along in an index as unknown/unknown entries; they are not platforms. */
function isAttestation(d) {
    return (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
        (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown'));
}
/** The image platforms of an index, normalised (linux/arm64/v8 and linux/arm64 compare equal). */
function indexPlatforms(index) {
    return (index.manifests ?? [])
        .filter((d) => d.platform && !isAttestation(d))
        .map((d) => descriptorPlatform(d));
}
function descriptorPlatform(d) {
    const p = d.platform;
    if (!p)
        return 'unknown';
    const text = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
    try {
        return (0,_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlatform */ .Bq)((0,_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePlatform */ .FL)(text));
    }
    catch {
        return text;
    }
}
function diffPlatforms(expected, actual) {
    const want = new Set(expected);
    const have = new Set(actual);
    return {
        missing: expected.filter((p) => !have.has(p)),
        extra: [...have].filter((p) => !want.has(p)),
        duplicate: actual.filter((p, i) => actual.indexOf(p) !== i),
    };
}
const sha256 = (text) => `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex')}`;
/** Registry reads: 4 attempts, 1 s, 2 s, 4 s apart (±25 %), on top of buildx's own immediate retry. */
const READ_RETRY = { attempts: 4, baseMs: 1000 };
/** Reads what the registry holds for a reference, retrying transient registry errors. */
async function inspectRaw(ref, env) {
    const result = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L5)({ ...READ_RETRY, what: `inspecting ${ref}` }, () => (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m0)(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], { echo: false, env }));
    return {
        ref,
        raw: result.stdout,
        digest: sha256(result.stdout),
        manifest: JSON.parse(result.stdout),
    };
}
/** buildx's answer for a reference the registry does not hold: `ERROR: <ref>: not found`. */
const isNotFound = (e) => /: not found\s*$|manifest unknown|MANIFEST_UNKNOWN|\b404\b/im.test(String(e.result?.stderr ?? e?.message ?? e));
/** Like inspectRaw, but a reference that does not exist is `undefined`; any other failure still throws. */
async function lookupRaw(ref, env) {
    try {
        return await inspectRaw(ref, env);
    }
    catch (e) {
        if (isNotFound(e))
            return undefined;
        throw e;
    }
}
/** The platform a single image manifest was built for, from its config (a manifest itself names none). */
async function manifestPlatform(ref) {
    const result = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L5)({ ...READ_RETRY, what: `reading the config of ${ref}` }, () => (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m0)(['docker', 'buildx', 'imagetools', 'inspect', '--format', '{{json .Image}}', ref], { echo: false }));
    const config = JSON.parse(result.stdout);
    if (!config.os || !config.architecture)
        throw new Error(`${ref} has no os/architecture in its config`);
    return {
        os: config.os,
        architecture: config.architecture,
        ...(config.variant ? { variant: config.variant } : {}),
    };
}
/**
 * Why a registry command failed, in one line: an unreachable registry says so (the raw text is a Go
 * transport error), anything else is the tool's own last line.
 */
function registryReason(e) {
    const text = (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .errorText */ .kc)(e);
    const stderr = e.result?.stderr ?? '';
    if ((0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .isUnreachable */ .R0)(`${stderr}\n${text}`)) {
        const host = /https?:\/\/([^/"\s]+)/.exec(stderr || text)?.[1];
        return `the registry${host ? ` at ${host}` : ''} did not answer (${text.replace(/^failed to do request: /, '')})`;
    }
    return text;
}
/** Problems with what the registry holds, as sentences; empty when it is what was asked for. */
function checkPublished(expect, found) {
    const problems = [];
    const digests = new Set(found.map((f) => f.digest));
    if (digests.size > 1) {
        problems.push(`tags point at different digests: ${found.map((f) => `${f.ref} → ${f.digest}`).join(', ')}`);
    }
    for (const f of found) {
        if (expect.digest && f.digest !== expect.digest)
            problems.push(`${f.ref} is ${f.digest}, expected ${expect.digest}`);
    }
    const first = found[0];
    if (!first)
        return problems;
    if (isIndex(first.manifest)) {
        const { missing, extra, duplicate } = diffPlatforms(expect.platforms, indexPlatforms(first.manifest));
        if (missing.length)
            problems.push(`${first.ref} lacks ${missing.join(', ')}`);
        if (extra.length)
            problems.push(`${first.ref} has unrequested ${extra.join(', ')}`);
        if (duplicate.length)
            problems.push(`${first.ref} lists ${duplicate.join(', ')} more than once`);
    }
    else if (expect.platforms.length > 1) {
        problems.push(`${first.ref} is a single manifest, not an index of ${expect.platforms.join(', ')}`);
    }
    for (const [key, value] of Object.entries(expect.indexAnnotations)) {
        if (first.manifest.annotations?.[key] !== value)
            problems.push(`${first.ref} lacks the index annotation ${key}`);
    }
    return problems;
}
async function verifyPublished(expect, env) {
    let found;
    try {
        found = await Promise.all(expect.refs.map((ref) => inspectRaw(ref, env)));
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('verify', `could not read back what was pushed: ${registryReason(e)}`);
    }
    const problems = checkPublished(expect, found);
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('verify', `the registry does not hold what was asked for: ${problems.join('; ')}`);
    return found;
}


/***/ }),

/***/ 5974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUBLISH_RETRY: () => (/* binding */ PUBLISH_RETRY),
  applyOverrides: () => (/* binding */ applyOverrides),
  merge: () => (/* binding */ merge),
  mergeAnnotations: () => (/* binding */ mergeAnnotations),
  planCreate: () => (/* binding */ planCreate),
  sourceRef: () => (/* reexport */ sourceRef),
  tagStates: () => (/* binding */ tagStates)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(5864);
// EXTERNAL MODULE: ./src/manifest.ts
var manifest = __webpack_require__(5546);
// EXTERNAL MODULE: ./src/cache.ts
var cache = __webpack_require__(7377);
// EXTERNAL MODULE: ./src/handoff.ts
var handoff = __webpack_require__(7989);
// EXTERNAL MODULE: ./src/platforms.ts
var src_platforms = __webpack_require__(9799);
// EXTERNAL MODULE: ./src/refs.ts
var refs = __webpack_require__(1977);
;// CONCATENATED MODULE: ./src/merge-sources.ts
// Where a merge's sources are: explicit references, the legs' Actions cache records, or their per-platform
// tags; and the index entries each contributes.






/** `sha256:` sources take the repository of the first image, as imagetools does with its tags. */
function sourceRef(source, images) {
    return (0,refs/* isDigest */.Bc)(source) ? `${images[0]}@${source}` : source;
}
/** The index entries a source contributes (a single manifest becomes one entry, its platform from its config). */
async function sourceEntries(source) {
    try {
        const found = source.found ?? (await (0,manifest/* inspectRaw */.hD)(source.ref));
        if ((0,manifest/* isIndex */.nw)(found.manifest)) {
            return (found.manifest.manifests ?? []).map((descriptor) => ({
                source,
                descriptor,
                platform: (0,manifest/* descriptorPlatform */.fA)(descriptor),
                overridden: false,
            }));
        }
        // A single-platform image (a leg built with provenance and sbom off): its config names the platform.
        const descriptor = {
            mediaType: found.manifest.mediaType ?? '',
            digest: found.digest,
            size: Buffer.byteLength(found.raw),
            platform: await (0,manifest/* manifestPlatform */.bw)(`${(0,refs/* parseReference */.F2)(source.ref)?.repository}@${found.digest}`),
        };
        return [{ source, descriptor, platform: (0,manifest/* descriptorPlatform */.fA)(descriptor), overridden: false }];
    }
    catch (e) {
        if (e instanceof errors/* ActionError */.lZ)
            throw e;
        throw new errors/* ActionError */.lZ('merge', `cannot read source ${source.label}: ${(0,manifest/* registryReason */.sA)(e)}`, 'sources');
    }
}
async function fromCache(inputs, platforms, store) {
    const cache = store ?? (0,handoff/* actionsCacheStore */.$u)();
    const env = process.env;
    const lookup = { found: [], missing: [] };
    for (const p of platforms) {
        const record = await cache.load((0,handoff/* handoffKeyPrefix */.ox)(inputs.images, p, env), (0,handoff/* handoffKey */.Sm)(inputs.images, p, env));
        if (record) {
            const label = `leg ${record.job || record.platform} (attempt ${record.runAttempt})`;
            lookup.found.push({ label, ref: `${inputs.images[0]}@${record.digest}` });
        }
        else
            lookup.missing.push(p);
    }
    return lookup;
}
async function fromTags(inputs, platforms) {
    // Legs tag <base>-<platform> for each of their tags (bare or full, as metadata-action gives them).
    const bases = [(0,handoff/* defaultTagBase */.vE)(process.env), ...inputs.tags];
    const lookup = { found: [], missing: [] };
    for (const p of platforms) {
        let hit;
        for (const base of bases) {
            const [ref] = (0,handoff/* legTags */.u3)(inputs.images.slice(0, 1), [base], p, process.env);
            // Only "not found" means the leg is missing: a registry that fails to answer must not pass for one.
            let inspected;
            try {
                inspected = await (0,manifest/* lookupRaw */.fY)(ref);
            }
            catch (e) {
                throw new errors/* ActionError */.lZ('merge', `cannot look up the leg ${ref}: ${(0,manifest/* registryReason */.sA)(e)}`);
            }
            if (inspected) {
                hit = { label: ref, ref, found: inspected };
                break;
            }
        }
        if (hit)
            lookup.found.push(hit);
        else
            lookup.missing.push(p);
    }
    return lookup;
}
/**
 * Where the legs are. `auto` reads the Actions cache when it is there and then looks for per-platform tags
 * for whatever it did not find: a leg on the docker driver hands off by tags even where the cache exists.
 */
async function findSources(inputs, platforms, store) {
    if (inputs.sources.length)
        return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
    const useCache = inputs.handoff === 'cache' ||
        (inputs.handoff === 'auto' && (store !== undefined || (0,cache/* ghaAvailable */.w1)(process.env)));
    const cached = useCache
        ? await fromCache(inputs, platforms, store)
        : { found: [], missing: platforms };
    const tagged = inputs.handoff === 'cache'
        ? { found: [], missing: cached.missing }
        : await fromTags(inputs, cached.missing);
    if (tagged.missing.length) {
        const missing = tagged.missing.map(src_platforms/* formatPlatform */.Bq);
        const where = inputs.handoff === 'auto' ? (useCache ? 'cache or tags' : 'tags') : inputs.handoff;
        throw new errors/* ActionError */.lZ('merge', `no leg was handed off (${where}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} with mode: build and the same image and handoff — nothing was pushed`, 'platforms');
    }
    const unique = new Map([...cached.found, ...tagged.found].map((s) => [s.ref, s]));
    return [...unique.values()];
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/tags.ts
var src_tags = __webpack_require__(9506);
;// CONCATENATED MODULE: ./src/merge.ts













const platformText = (d) => d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';
/** Overrides match a platform exactly as written in the index (linux/arm is not linux/arm/v7). */
function applyOverrides(entries, overrides) {
    const used = new Set();
    const out = entries.map((entry) => {
        const i = overrides.findIndex((o) => (0,src_platforms/* formatPlatform */.Bq)(o.from) === platformText(entry.descriptor));
        const rule = overrides[i];
        if (!rule || (0,manifest/* isAttestation */.H3)(entry.descriptor))
            return entry;
        used.add(i);
        const { os, arch: architecture, variant } = rule.to;
        const platform = { ...entry.descriptor.platform, os, architecture, ...(variant ? { variant } : {}) };
        if (!variant)
            delete platform.variant;
        return {
            ...entry,
            descriptor: { ...entry.descriptor, platform },
            platform: (0,src_platforms/* formatPlatform */.Bq)(rule.to),
            overridden: true,
        };
    });
    const unused = overrides
        .filter((_, i) => !used.has(i))
        .map((o) => `${(0,src_platforms/* formatPlatform */.Bq)(o.from)}=${(0,src_platforms/* formatPlatform */.Bq)(o.to)}`);
    return { entries: out, unused };
}
/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
function mergeAnnotations(annotations) {
    const args = [];
    let moved = 0;
    const dropped = [];
    for (const a of annotations) {
        const types = (0,inputs/* annotationTypes */.PB)(a);
        const keep = types.filter((t) => t === 'index' || t === 'manifest-descriptor');
        // A platform-selected manifest annotation has no meaning on the whole index: dropped, with a warning.
        if (types.includes('manifest') && !keep.includes('index') && !a.selector) {
            keep.push('index');
            moved++;
        }
        if (!keep.length) {
            dropped.push((0,inputs/* formatAnnotation */.tn)(a));
            continue;
        }
        args.push((0,inputs/* formatAnnotation */.tn)({ ...a, types: keep }));
    }
    return { args: args.flatMap((v) => ['--annotation', v]), moved, dropped };
}
/**
 * One `imagetools create` per repository. With an override, every entry goes as a descriptor file (its
 * platform rewritten, attestations and annotations kept): buildx cannot mix those with reference sources.
 */
function planCreate(tags, sources, annotationArgs, descriptorFiles) {
    return (0,src_tags/* repositoriesOf */.U)(tags).map((repository) => {
        const repoTags = tags.filter((t) => (0,refs/* parseReference */.F2)(t)?.repository === repository);
        const argv = ['docker', 'buildx', 'imagetools', 'create', '--progress', 'plain', ...annotationArgs];
        for (const t of repoTags)
            argv.push('--tag', t);
        if (descriptorFiles.length)
            for (const file of descriptorFiles)
                argv.push('--file', file);
        else
            argv.push(...sources.map((s) => s.ref));
        return { repository, tags: repoTags, argv };
    });
}
/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };
const shortDigest = (d) => d.slice(0, 19);
/**
 * After a failed publish, where each tag points. An index goes up in one request per tag, so a tag holds
 * either what it held before or the complete new index, never part of one; the message says which.
 */
async function tagStates(tags, failure) {
    const out = failure.result;
    const pushed = /pushing (sha256:[a-f0-9]{64}) to/.exec(`${out?.stderr ?? ''}\n${out?.stdout ?? ''}`)?.[1];
    const states = [];
    for (const tag of tags) {
        const r = await (0,exec/* exec */.m0)(['docker', 'buildx', 'imagetools', 'inspect', '--raw', tag], {
            echo: false,
            allowFailure: true,
        }).catch(() => undefined);
        const name = `:${(0,refs/* parseReference */.F2)(tag)?.tag ?? tag}`;
        if (!r || r.code !== 0)
            states.push(`${name} ${r && /: not found\s*$/m.test(r.stderr) ? 'does not exist' : 'could not be read'}`);
        else if ((0,manifest/* sha256 */.sc)(r.stdout) === pushed)
            states.push(`${name} has the new index ${shortDigest(pushed)}`);
        else
            states.push(`${name} still has its previous ${shortDigest((0,manifest/* sha256 */.sc)(r.stdout))}`);
    }
    if (!states.length)
        return '';
    return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
}
/** Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it. */
async function merge(inputs, phases, summary, store) {
    summary.title = 'Multi-platform merge';
    const tags = (0,src_tags/* resolveTags */.y)(inputs.images, inputs.tags);
    const { sources, entries } = await phases.run('collect', 'Collecting the legs', async () => {
        const sources = await findSources(inputs, inputs.platforms, store);
        // Sources are independent registry reads: one at a time would cost a process round trip each.
        const raw = (await Promise.all(sources.map((source) => sourceEntries(source)))).flat();
        const { entries, unused } = applyOverrides(raw, inputs.platformOverrides);
        if (unused.length) {
            const present = [
                ...new Set(raw.filter((e) => !(0,manifest/* isAttestation */.H3)(e.descriptor)).map((e) => platformText(e.descriptor))),
            ];
            throw new errors/* ActionError */.lZ('merge', `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`, 'platform-overrides');
        }
        return { sources, entries };
    });
    const images = entries.filter((e) => !(0,manifest/* isAttestation */.H3)(e.descriptor));
    const actual = images.map((e) => e.platform);
    const expected = inputs.platforms.length ? inputs.platforms.map(src_platforms/* formatPlatform */.Bq) : [...new Set(actual)];
    const { missing, extra, duplicate } = (0,manifest/* diffPlatforms */.Wd)(expected, actual);
    if (missing.length || extra.length || duplicate.length) {
        const parts = [
            missing.length ? `missing ${missing.join(', ')}` : '',
            extra.length ? `not in platforms: ${extra.join(', ')}` : '',
            duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
        ].filter(Boolean);
        throw new errors/* ActionError */.lZ('merge', `the sources do not match platforms (${parts.join('; ')}); nothing was pushed`, 'platforms');
    }
    const annotations = mergeAnnotations(inputs.annotations);
    if (annotations.moved)
        core/* notice */.lm(`${annotations.moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`);
    if (annotations.dropped.length)
        core/* warning */.$e(`Not applicable to a merged index, dropped: ${annotations.dropped.join(', ')}`);
    // buildx joins Docker-format manifests into a Docker manifest list, dropping every annotation silently.
    if (annotations.args.length &&
        entries.every((e) => e.descriptor.mediaType.startsWith('application/vnd.docker.'))) {
        const labels = [...new Set(entries.map((e) => e.source.label))];
        throw new errors/* ActionError */.lZ('merge', `annotations need an OCI index, but the sources are Docker-format images (${labels.join(', ')}), which buildx joins into a Docker manifest list without annotations; rebuild them with OCI media types (buildx: --output type=image,oci-mediatypes=true; this action's legs always are) or remove the annotations — nothing was pushed`, 'annotations');
    }
    const descriptorFiles = [];
    if (entries.some((e) => e.overridden)) {
        // Created only now: a merge that fails before publishing leaves nothing behind, even without post.
        const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'multiarch-merge-'));
        (0,state/* saveState */.LZ)('tempDir', tempDir);
        for (const [i, e] of entries.entries()) {
            const file = (0,external_node_path_.join)(tempDir, `descriptor-${i}.json`);
            await (0,promises_.writeFile)(file, JSON.stringify(e.descriptor));
            descriptorFiles.push(file);
        }
    }
    const plans = planCreate(tags, sources, annotations.args, descriptorFiles);
    await phases.run('publish', `Publishing ${tags.length} tag(s)`, async () => {
        for (const plan of plans) {
            try {
                await (0,exec/* retry */.L5)({ ...PUBLISH_RETRY, what: `publishing ${plan.repository}` }, () => (0,exec/* exec */.m0)(plan.argv));
            }
            catch (e) {
                const where = await tagStates(plan.tags, e);
                throw new errors/* ActionError */.lZ('merge', `publishing ${plan.repository} failed: ${(0,manifest/* registryReason */.sA)(e)}${where ? `; ${where}` : ''}`);
            }
        }
    });
    const indexAnnotations = Object.fromEntries(annotations.args
        .filter((a, i) => i % 2 === 1 && a.startsWith('index'))
        .map((a) => {
        const kv = a.slice(a.indexOf(':') + 1);
        return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
    }));
    const published = await phases.run('verify', 'Verifying the registry', () => (0,manifest/* verifyPublished */.uf)({ refs: tags, platforms: expected, indexAnnotations }));
    const first = published[0];
    core/* setOutput */.uH('digest', first.digest);
    core/* setOutput */.uH('tags', tags.join('\n'));
    core/* setOutput */.uH('platforms', expected.join(','));
    core/* setOutput */.uH('manifest', first.raw);
    const published0 = new Map((first.manifest.manifests ?? []).filter((d) => !(0,manifest/* isAttestation */.H3)(d)).map((d) => [d.digest, d]));
    summary.rows = images.map((e) => ({
        platform: e.platform,
        digest: published0.get(e.descriptor.digest)?.digest ?? e.descriptor.digest,
        source: e.source.label,
    }));
    summary.digest = first.digest;
    summary.tags = tags;
    summary.annotations = Object.entries(indexAnnotations).map(([k, v]) => `index:${k}=${v}`);
}



/***/ }),

/***/ 9506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ repositoriesOf),
/* harmony export */   y: () => (/* binding */ resolveTags)
/* harmony export */ });
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1977);

const isFull = (tag) => tag.includes('/') || tag.includes(':');
/**
 * The references to publish: a bare tag applies to every image, a full reference (what
 * docker/metadata-action outputs) is used as is. `suffix` makes per-platform tags for a matrix leg.
 */
function resolveTags(images, tags, suffix = '') {
    const refs = tags.flatMap((tag) => {
        if (!isFull(tag))
            return images.map((image) => `${image}:${tag}${suffix}`);
        const ref = (0,_refs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(tag);
        return [`${ref?.repository}:${ref?.tag}${suffix}`];
    });
    return [...new Set(refs)];
}
/** Repositories the refs point into, in first-seen order. */
function repositoriesOf(refs) {
    return [...new Set(refs.map((r) => (0,_refs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(r)?.repository ?? r))];
}


/***/ })

};
