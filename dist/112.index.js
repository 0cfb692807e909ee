export const id = 112;
export const ids = [112];
export const modules = {

/***/ 1826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ buildxHandle),
/* harmony export */   ar: () => (/* binding */ setUpBuildx)
/* harmony export */ });
/* unused harmony exports DEFAULT_BUILDX_VERSION, buildxArgv, chooseBuildx */
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5507);
/* harmony import */ var _plugin_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9537);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2073);



/** What a runner without buildx gets: a release this action is tested with. */
const DEFAULT_BUILDX_VERSION = 'v0.29.1';
/** The argv that runs `buildx <args>` with `binary` (buildx runs standalone), or through the docker CLI. */
function buildxArgv(binary, args) {
    return binary ? [binary, ...args] : ['docker', 'buildx', ...args];
}
/** A handle running `binary` (see Buildx) through `exec`. */
function buildxHandle(exec, binary) {
    return {
        binary,
        run: (args, options = {}) => exec.run(buildxArgv(binary, args), { display: ['docker', 'buildx', ...args], ...options }),
    };
}
/**
 * Which buildx runs this step: `buildx-version` when set (downloaded); else the installed plugin, run
 * directly; else the docker CLI's own when it finds one; else, with no buildx at all, the default release.
 * Returns the binary to use or the version to download.
 */
function chooseBuildx(choice) {
    if (choice.version)
        return { download: choice.version };
    if (choice.plugin)
        return { binary: choice.plugin };
    if (choice.viaCli)
        return { binary: undefined };
    return { download: DEFAULT_BUILDX_VERSION };
}
/**
 * Sets up the buildx this step's commands run with and returns its handle. A download (cached in the tool
 * cache, checksum-verified) runs as its own phase. Throws ActionError (phase buildx) naming buildx-version
 * or buildx-url when the download fails.
 */
async function setUpBuildx(step, wanted, phases) {
    const { ctx, exec, log } = step;
    const plugin = wanted.version ? undefined : (0,_plugin_js__WEBPACK_IMPORTED_MODULE_1__/* .findBuildxPlugin */ .l)(ctx.dockerConfig);
    let viaCli = false;
    if (!wanted.version && !plugin) {
        // Not where the docker CLI looks by default: ask it, in case it finds one elsewhere.
        const answer = await exec
            .run(['docker', 'buildx', 'version'], { echo: false, allowFailure: true })
            .catch(() => undefined);
        viaCli = answer?.code === 0;
    }
    const choice = chooseBuildx({ plugin, version: wanted.version, viaCli });
    if ('binary' in choice)
        return buildxHandle(exec, choice.binary);
    if (!wanted.version)
        log.notice(`buildx is not installed on this runner: using buildx ${choice.download} for this step (set buildx-version to choose)`);
    const plan = (0,_release_js__WEBPACK_IMPORTED_MODULE_2__/* .planBuildxDownload */ .CL)({
        version: choice.download,
        baseUrl: wanted.url,
        platform: ctx.os,
        arch: ctx.arch,
    });
    return phases.run('buildx', `Installing buildx ${plan.version}`, async () => {
        const { installBuildx } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(852)]).then(__webpack_require__.bind(__webpack_require__, 5852));
        try {
            return buildxHandle(exec, await installBuildx(plan, (m) => log.info(m)));
        }
        catch (e) {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('buildx', e.message, wanted.url ? 'buildx-url' : 'buildx-version');
        }
    });
}


/***/ }),

/***/ 9537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ findBuildxPlugin)
/* harmony export */ });
/* unused harmony export pluginDirs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/**
 * Where the docker CLI looks for plugins, in its order: `<config>/cli-plugins`, the config's
 * cliPluginsExtraDirs, then the system's. `config` is the docker CLI's config dir (DOCKER_CONFIG or ~/.docker).
 */
function pluginDirs(config) {
    let extra = [];
    try {
        const parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(config, 'config.json'), 'utf8'));
        extra = parsed.cliPluginsExtraDirs ?? [];
    }
    catch {
        // no config, or not JSON: the docker CLI would ignore it too
    }
    const system = ['/usr/local/lib', '/usr/local/libexec', '/usr/lib', '/usr/libexec'].map((d) => `${d}/docker/cli-plugins`);
    return [(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(config, 'cli-plugins'), ...extra, ...system];
}
/**
 * The buildx plugin binary the docker CLI would run, or undefined. Running it directly (buildx runs standalone) skips the
 * CLI's own start-up and its plugin metadata call: about 50 ms on every buildx command.
 */
function findBuildxPlugin(dockerConfig) {
    for (const dir of pluginDirs(dockerConfig)) {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'docker-buildx');
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return file;
        }
        catch {
            // not here
        }
    }
    return undefined;
}


/***/ }),

/***/ 7195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony exports MAX_RETRY_AFTER_MS, retryAfterMs, backoffMs */
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2568);

/** Longest wait a registry's retry hint may impose on one retry, in milliseconds. */
const MAX_RETRY_AFTER_MS = 60_000;
/**
 * A wait the registry asked for, in milliseconds, when the tool's error text carries it. buildx never prints
 * the Retry-After header (only the status line), but it does print the error body of a failed GET, where
 * registries may say `retry after 30s` / `Retry-After: 30`. Capped at MAX_RETRY_AFTER_MS.
 */
function retryAfterMs(text) {
    const m = /retry[- ]after:?\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec|seconds?)?\b/i.exec(text);
    if (!m)
        return undefined;
    const ms = /^m/i.test(m[2] ?? '') ? Number(m[1]) : Number(m[1]) * 1000;
    return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS);
}
/** Exponential backoff with ±25 % jitter (milliseconds), so legs failing together do not retry in lockstep. */
function backoffMs(baseMs, attempt, random = Math.random()) {
    return Math.round(baseMs * 2 ** (attempt - 1) * (0.75 + random * 0.5));
}
/**
 * Runs `fn` again after failures `transient` accepts, with exponential backoff and jitter, at most
 * `policy.attempts` times in all; logs each retry as a warning. A retry hint in the error text (see
 * retryAfterMs) lengthens the wait. Rethrows the last error; throws CancelledError instead of retrying once
 * the job is being cancelled.
 */
async function retry(exec, log, policy, fn, transient) {
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (e) {
            if (attempt >= policy.attempts || !transient(e))
                throw e;
            const cancelled = () => new _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(exec.cancelledBy, `retrying ${policy.what} (${(0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e)})`);
            if (exec.cancelled)
                throw cancelled();
            const backoff = backoffMs(policy.baseMs, attempt);
            const asked = retryAfterMs((0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .fullErrorText */ .TX)(e));
            const delay = Math.max(backoff, asked ?? 0);
            log.warning(`${policy.what} failed (${(0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e)}); retry ${attempt}/${policy.attempts - 1} in ${delay} ms${asked !== undefined && asked >= backoff ? ` (the registry asked for ${asked / 1000} s)` : ''}`);
            await exec.sleep(delay);
            if (exec.cancelled)
                throw cancelled();
        }
    }
}


/***/ }),

/***/ 5036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cG: () => (/* binding */ differingInputs),
/* harmony export */   fD: () => (/* binding */ buildConfig)
/* harmony export */ });
/* unused harmony export CONFIG_INPUTS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// What identifies a leg's build configuration, as hashes: enough for the merge to prove that every platform it
// publishes was built the same way, never enough to read a value back. Pure.


/**
 * The inputs that make one variant of an image differ from another. Labels and annotations are left out on
 * purpose: docker/metadata-action stamps them with the time each job ran, so legs of one variant differ there.
 * Secrets are left out too: a hash of a short secret could be guessed back.
 */
const CONFIG_INPUTS = ['context', 'file', 'target', 'build-args', 'build-contexts'];
const hex12 = (text) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex').slice(0, 12);
/** A local path as the same on every runner: relative to the workspace when inside it. URLs stay as they are. */
function normalisePath(value, workspace) {
    if (value === '' || /^[a-z][a-z0-9+.-]*:\/\/|^git@|^-$/i.test(value))
        return value;
    const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, value);
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(workspace, absolute);
    return inside.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inside) ? absolute : inside || '.';
}
/** build-args as buildx applies them: the last value of a name wins, order does not matter. */
function canonicalPairs(pairs, value = (v) => v) {
    const last = new Map(pairs.map((kv) => [kv.key, value(kv.value)]));
    return JSON.stringify([...last].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
/**
 * The configuration of a leg's build. Hashes are salted with the run id: a record from another run never
 * compares equal, and nothing can be matched against hashes published elsewhere.
 */
function buildConfig(inputs, workspace, runId) {
    const path = (v) => normalisePath(v, workspace);
    const canonical = {
        // Unset: the Git context of the workflow's commit, the same for every leg of the run.
        context: inputs.context === undefined ? '<git context of the commit>' : path(inputs.context),
        file: inputs.file ? path(inputs.file) : '',
        target: inputs.target ?? '',
        'build-args': canonicalPairs(inputs.buildArgs),
        'build-contexts': canonicalPairs(inputs.buildContexts, path),
    };
    const hashes = Object.fromEntries(CONFIG_INPUTS.map((name) => [
        name,
        hex12(`multiarch-build-action config\n${runId}\n${name}\n${canonical[name]}`),
    ]));
    const fingerprint = hex12(CONFIG_INPUTS.map((name) => `${name}=${hashes[name]}`).join('\n'));
    return { fingerprint, inputs: hashes };
}
/** The inputs two configurations differ in, in CONFIG_INPUTS order (empty when they are the same). */
function differingInputs(a, b) {
    return CONFIG_INPUTS.filter((name) => a.inputs[name] !== b.inputs[name]);
}


/***/ }),

/***/ 1654:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ actionsCacheStore)
/* harmony export */ });
/* unused harmony export HANDOFF_PATH */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// The HandoffStore backed by the GitHub Actions cache service (@actions/cache).


/**
 * The Actions cache versions an entry by the path list it was saved with, so legs and merge must name the
 * same path: one relative to the workspace (where the cache tars from), the same on every runner.
 */
const HANDOFF_PATH = '.multiarch-handoff/record.json';
/**
 * The store backed by the Actions cache; files go through `workspace` (the checkout). `client` defaults to
 * @actions/cache, loaded when first used. Records are read and written one at a time (one file path).
 */
function actionsCacheStore(workspace, client) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, HANDOFF_PATH);
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, '.multiarch-handoff');
    const cache = async () => client ?? (await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131)));
    return {
        async save(key, record) {
            const client = await cache();
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, JSON.stringify(record));
            try {
                // -1: not stored (the key exists or could not be reserved, the service failed); it logged why.
                return (await client.saveCache([HANDOFF_PATH], key)) !== -1;
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
            }
        },
        async load(exactKey, prefix) {
            const client = await cache();
            try {
                const hit = await client.restoreCache([HANDOFF_PATH], exactKey, prefix ? [prefix] : []);
                if (!hit)
                    return undefined;
                return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8'));
            }
            finally {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
            }
        },
    };
}


/***/ }),

/***/ 3102:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B7: () => (/* binding */ HANDOFF_ANNOTATION),
/* harmony export */   Nj: () => (/* binding */ legLabel),
/* harmony export */   RL: () => (/* binding */ handoffTag),
/* harmony export */   Sm: () => (/* binding */ handoffKey),
/* harmony export */   nK: () => (/* binding */ resolveHandoff),
/* harmony export */   ox: () => (/* binding */ handoffKeyPrefix),
/* harmony export */   pt: () => (/* binding */ handoffTagPattern),
/* harmony export */   rn: () => (/* binding */ clashKeyPrefix),
/* harmony export */   xE: () => (/* binding */ compareExisting),
/* harmony export */   zv: () => (/* binding */ recordOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_platforms_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3065);
/* harmony import */ var _registry_refs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(377);
// What a matrix leg hands to its merge job, and under which name: the record that ties a digest to this run,
// this variant and this build configuration. Naming and comparing are pure; recordLeg (handoff-leg.ts) writes.



/** auto: the Actions cache when it is there, except on the docker driver, which cannot push by digest. */
function resolveHandoff(mode, cacheService, driver) {
    if (mode !== 'auto')
        return mode;
    return cacheService && driver !== 'docker' ? 'cache' : 'tags';
}
/**
 * `leg build (linux/arm64, attempt 2)`: how messages and the summary name a leg. Matrix legs share their job
 * id, so where two legs of one platform must be told apart, `config` adds the build configuration's
 * fingerprint: `leg build (linux/arm64, attempt 2, configuration 0123456789ab)`.
 */
const legLabel = (r, config = false) => `leg ${r.job || 'build'} (${r.platforms.join(', ')}, attempt ${r.runAttempt}${config && r.config ? `, configuration ${r.config.fingerprint}` : ''})`;
const hex12 = (text) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex').slice(0, 12);
/** Cache key prefix (without the attempt): image set and variant (hashed), platform, run. */
function handoffKeyPrefix(images, variant, platform, runId) {
    // docker.io/acme/app and acme/app are one repository: one key.
    const set = hex12(`${images.map(_registry_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeRepository */ .Y1).sort().join('\n')}\n${variant}`);
    return `multiarch-handoff-${set}${variant ? `-${variant}` : ''}-${(0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .platformSlug */ .DN)(platform)}-${runId}-`;
}
/** One immutable cache entry per image set, variant, platform, run and attempt. */
const handoffKey = (images, variant, platform, ctx) => `${handoffKeyPrefix(images, variant, platform, ctx.runId)}${ctx.runAttempt}`;
/**
 * Where a leg whose cache key another configuration holds leaves its own record (its fingerprint in the key),
 * so that a merge run anyway (`if: !cancelled()`) still sees that two configurations claimed the platform.
 */
function clashKeyPrefix(images, variant, platform, runId) {
    return handoffKeyPrefix(images, variant, platform, runId).replace(/^multiarch-handoff-/, 'multiarch-handoff-clash-');
}
/**
 * The handoff tag: `run-<run id>-[<variant>-]<os>-<arch>[-<variant>]-<fingerprint>`. The run id keeps an earlier
 * run's tags out of this run's merge; the fingerprint keeps two configurations from overwriting each other.
 */
const handoffTag = (runId, variant, platform, fingerprint) => `run-${runId}-${variant ? `${variant}-` : ''}${(0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .platformSlug */ .DN)(platform)}-${fingerprint}`;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches the handoff tags of one run, variant and platform, whatever their fingerprint. */
const handoffTagPattern = (runId, variant, platform) => new RegExp(`^${escape(handoffTag(runId, variant, platform, ''))}[0-9a-f]{12}$`);
/** The index annotation that carries the record on a handoff tag. */
const HANDOFF_ANNOTATION = 'io.github.multiarch-build-action.handoff';
/** The record a handoff tag's index carries, or undefined when it carries none (or not one of this version). */
function recordOf(index) {
    const text = index.annotations?.[HANDOFF_ANNOTATION];
    if (!text)
        return undefined;
    try {
        const r = JSON.parse(text);
        return r.version === 2 && typeof r.digest === 'string' && r.config?.fingerprint
            ? r
            : undefined;
    }
    catch {
        return undefined;
    }
}
function compareExisting(mine, other) {
    if (!other)
        return { kind: 'none' };
    const configDiffers = other.config.fingerprint !== mine.config.fingerprint;
    if (!configDiffers && other.digest === mine.digest)
        return { kind: 'same' };
    if (!configDiffers && Number(other.runAttempt) < Number(mine.runAttempt))
        return { kind: 'earlier' };
    return { kind: 'clash', other, configDiffers };
}


/***/ }),

/***/ 5705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lr: () => (/* binding */ checkPushAccess),
/* harmony export */   p3: () => (/* binding */ checkTagsBeforeBuild)
/* harmony export */ });
/* unused harmony export destinationRepositories */
/* harmony import */ var _buildx_engine_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8268);
/* harmony import */ var _registry_api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1774);
/* harmony import */ var _registry_refs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(377);
/* harmony import */ var _registry_tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7906);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);
// Before an image goes to tags in several repositories. buildx and imagetools push one repository after
// another, so a destination that will refuse (no login with push rights there, nothing listening at that
// address) would fail the step after the other repositories' tags had moved. One blob upload started and
// cancelled per repository (the distribution spec's way to ask) tells before anything is pushed.





/** The distinct repositories `refs` (image references) push to, Docker Hub names normalised, in order. Pure. */
function destinationRepositories(refs) {
    const repositories = refs.map((r) => (0,_registry_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeRepository */ .Y1)((0,_registry_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .parseReference */ .F2)(r)?.repository ?? r));
    return [...new Set(repositories)];
}
/**
 * Checks that every repository `refs` push to takes this step's pushes, when they are more than one (into
 * one repository, a refusal stops the push before any tag moves). Answers that settle nothing are noted in an
 * info line. Throws ActionError (`check.phase`, input tags) naming
 * each repository that refuses, or that nothing answers for when `check.fromHere`; nothing has been pushed.
 */
async function checkPushAccess(step, api, refs, check) {
    const repositories = destinationRepositories(refs);
    if (repositories.length < 2)
        return;
    const answers = await Promise.all(repositories.map(async (repository) => {
        return [repository, await api.pushAccess(repository)];
    }));
    const problems = [];
    for (const [repository, access] of answers) {
        if (access.kind === 'ok')
            continue;
        const { host } = (0,_registry_api_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointOf */ .X5)(repository);
        if (access.kind === 'refused')
            problems.push(`cannot push to ${repository}: ${access.reason}; log in to ${host} with push rights there (docker/login-action), or remove its tags`);
        else if (access.kind === 'unreachable' && check.fromHere)
            problems.push(`cannot push to ${repository}: ${access.reason}; check its address in tags`);
        else
            step.log.info(`push access to ${repository} not checked beforehand (${access.reason})`);
    }
    if (problems.length)
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ(check.phase, `${problems.join('; ')} — nothing was pushed`, 'tags');
}
/**
 * The push-access check of mode all (see checkPushAccess), for the tags `inputs` publish to; run beside the
 * QEMU and builder phases and awaited before the build. Resolves to the ActionError to throw, or undefined;
 * never rejects.
 */
function checkTagsBeforeBuild(step, inputs) {
    if (inputs.mode === 'build' || !inputs.push)
        return Promise.resolve(undefined);
    // The engine on this host pushes (docker driver), or a BuildKit container on it: its network is this host's.
    const fromHere = !inputs.builder &&
        !inputs.append.length &&
        ['docker', 'docker-container'].includes(inputs.driver) &&
        (0,_buildx_engine_js__WEBPACK_IMPORTED_MODULE_0__/* .dockerEndpoint */ .uC)(step.ctx).host.startsWith('unix://');
    const refs = (0,_registry_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveTags */ .y)(inputs.images, inputs.tags);
    return checkPushAccess(step, (0,_registry_api_js__WEBPACK_IMPORTED_MODULE_1__/* .registryApi */ .E)(step), refs, { phase: 'build', fromHere }).then(() => undefined, (e) => (e instanceof Error ? e : new Error(String(e))));
}


/***/ }),

/***/ 4119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ verifyPublished)
/* harmony export */ });
/* unused harmony export checkPublished */
/* harmony import */ var _registry_manifests_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1);
/* harmony import */ var _registry_failures_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9280);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5507);
// Reads back what was published and says, in sentences, how it differs from what was asked for.



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
    if ((0,_registry_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .isIndex */ .nw)(first.manifest)) {
        const { missing, extra, duplicate } = (0,_registry_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .diffPlatforms */ .Wd)(expect.platforms, (0,_registry_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .indexPlatforms */ .DB)(first.manifest));
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
/**
 * Reads every reference back from the registry and checks it against `expect`. Returns what was read.
 * Throws ActionError (phase verify) when it cannot be read or differs.
 */
async function verifyPublished(registry, expect) {
    let found;
    try {
        found = await Promise.all(expect.refs.map((ref) => registry.inspect(ref)));
    }
    catch (e) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ('verify', `could not read back what was pushed: ${(0,_registry_failures_js__WEBPACK_IMPORTED_MODULE_1__/* .registryReason */ .sA)(e)}`);
    }
    const problems = checkPublished(expect, found);
    if (problems.length)
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ('verify', `the registry does not hold what was asked for: ${problems.join('; ')}`);
    return found;
}


/***/ }),

/***/ 1774:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  X5: () => (/* binding */ endpointOf),
  E: () => (/* binding */ registryApi)
});

// UNUSED EXPORTS: RegistryApiError, apiErrorIsTransient

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/exec/retry.ts
var retry = __webpack_require__(7195);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/registry/credentials.ts
// The registry credentials the docker CLI (and buildx) would use, read from the same docker config: its auths,
// its credential helpers. Values are masked as they are read and never logged or passed on a command line.


/** The keys a docker config may file `host` under (Docker Hub keeps its historical one). */
function configKeys(host) {
    if (host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io')
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
    return [host, `https://${host}`, `http://${host}`, `https://${host}/`, `http://${host}/`];
}
async function readConfig(dir) {
    try {
        return JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, 'config.json'), 'utf8'));
    }
    catch {
        return {}; // no config, or not JSON: anonymous, as the docker CLI would be
    }
}
async function fromHelper(step, helper, key) {
    const r = await step.exec
        .run([`docker-credential-${helper}`, 'get'], { input: key, echo: false, allowFailure: true })
        .catch(() => undefined);
    if (!r || r.code !== 0)
        return undefined;
    try {
        const { Username, Secret } = JSON.parse(r.stdout);
        if (!Secret)
            return undefined;
        return Username === '<token>' ? { identityToken: Secret } : { username: Username, password: Secret };
    }
    catch {
        return undefined;
    }
}
/**
 * The credential for `host` (as a reference names it: ghcr.io, docker.io, 127.0.0.1:5000), or undefined for
 * anonymous access. Every secret found is masked in the log.
 */
async function credentialFor(step, host) {
    const config = await readConfig(step.ctx.dockerConfig);
    const keys = configKeys(host);
    let found;
    const helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
    if (helper) {
        for (const key of keys) {
            found = await fromHelper(step, helper, key);
            if (found)
                break;
        }
    }
    const entry = keys.map((k) => config.auths?.[k]).find(Boolean);
    if (!found && entry) {
        if (entry.identitytoken)
            found = { identityToken: entry.identitytoken };
        else if (entry.auth) {
            const text = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = text.indexOf(':');
            found = { username: text.slice(0, colon), password: text.slice(colon + 1) };
        }
        else if (entry.password)
            found = { username: entry.username, password: entry.password };
    }
    for (const secret of [found?.password, found?.identityToken])
        if (secret)
            step.log.mask(secret);
    return found;
}

;// CONCATENATED MODULE: ./src/registry/proxy.ts
// The proxy a request to a registry goes through, chosen as Go's net/http (and so the docker CLI, buildx and
// BuildKit) chooses it from the environment: HTTPS_PROXY for https, HTTP_PROXY for http, never for loopback
// hosts, and not for hosts NO_PROXY names.

/**
 * localhost, 127.x.x.x or [::1], with or without a port: where the docker CLI and buildx talk plain HTTP to a
 * registry, and never through a proxy. Pure.
 */
const isLoopbackHost = (host) => /^(localhost|127(\.\d+){3}|\[::1\])(:\d+)?$/.test(host);
/**
 * The proxy URL for a request to `url` under `env`, or undefined for a direct connection. NO_PROXY entries are
 * host names (a leading `.` or `*.` optional) matching the host or a parent domain, optionally with a port,
 * or `*` for every host. Pure.
 */
function proxyFor(url, env) {
    const https = url.protocol === 'https:';
    const proxy = https ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
    const host = url.hostname.toLowerCase();
    if (!proxy || isLoopbackHost(host))
        return undefined;
    const port = url.port || (https ? '443' : '80');
    const bypassed = (env.NO_PROXY ?? env.no_proxy ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean)
        .some((entry) => {
        if (entry === '*')
            return true;
        const [name = '', entryPort] = entry.replace(/^\*?\./, '').split(/:(?=\d+$)/);
        return (!entryPort || entryPort === port) && (host === name || host.endsWith(`.${name}`));
    });
    return bypassed ? undefined : proxy;
}
/** Dispatchers for one step: one ProxyAgent per proxy URL, created when first needed. */
function proxyDispatchers(env) {
    const agents = new Map();
    return (url) => {
        const proxy = proxyFor(url, env);
        if (!proxy)
            return undefined;
        if (!agents.has(proxy))
            agents.set(proxy, new undici/* ProxyAgent */.kT(proxy));
        return agents.get(proxy);
    };
}

// EXTERNAL MODULE: ./src/registry/refs.ts
var refs = __webpack_require__(377);
;// CONCATENATED MODULE: ./src/registry/api.ts
// The two registry calls buildx has no command for: list a repository's tags, delete a tag (never a manifest).
// Distribution-spec HTTP with the docker config's credentials (Basic, or a Bearer token from the registry's
// token service). No secret reaches the log, a command line or an error message.





/** Connection failures that mean no registry listens there at all (not a slow or filtered network). */
const NOTHING_THERE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/;
class RegistryApiError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryApiError';
    }
}
/** A 5xx, a 429 or no answer at all: worth another try. */
const apiErrorIsTransient = (e) => e instanceof RegistryApiError && (e.status === undefined || e.status === 429 || e.status >= 500);
/** Where the API for `repository` (as in a reference, e.g. ghcr.io/acme/app or acme/app) answers. */
function endpointOf(repository) {
    const [first = '', ...rest] = repository.split('/');
    const named = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
    const host = named ? first : 'docker.io';
    let path = named ? rest.join('/') : repository;
    if (host === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    const apiHost = host === 'docker.io' ? 'registry-1.docker.io' : host;
    return { host, base: `${isLoopbackHost(apiHost) ? 'http' : 'https'}://${apiHost}`, path };
}
const REQUEST_TIMEOUT_MS = 30_000;
const RETRY = { attempts: 4, baseMs: 1000 };
/** `key="value"` parameters of a WWW-Authenticate challenge. */
function challengeParams(header) {
    return Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}
const basic = (c) => `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;
/** A registry's errors[0].code, for messages (never anything sent). */
async function errorCode(res) {
    try {
        const body = (await res.json());
        return body.errors?.[0]?.code ?? '';
    }
    catch {
        return '';
    }
}
/** The registry API for one step: credentials from its docker config, retries and log through the step. */
function registryApi(step) {
    // Through HTTPS_PROXY / NO_PROXY as buildx and the docker CLI would go.
    const via = proxyDispatchers(step.ctx.env);
    // Per step, per host and scope: the Authorization header a 401 challenge led to.
    const authorizations = new Map();
    const credentials = new Map();
    const credential = (host) => {
        if (!credentials.has(host))
            credentials.set(host, credentialFor(step, host));
        return credentials.get(host);
    };
    async function authorize(challenge, host, scope) {
        const cred = await credential(host);
        if (/^basic/i.test(challenge)) {
            if (!cred?.password)
                throw new RegistryApiError(`${host} asks for a login; run docker/login-action first`, 401);
            return basic(cred);
        }
        const { realm, service } = challengeParams(challenge);
        if (!realm)
            throw new RegistryApiError(`${host} answered 401 without a token service`, 401);
        const url = new URL(realm);
        let res;
        if (cred?.identityToken) {
            const form = new URLSearchParams({
                grant_type: 'refresh_token',
                refresh_token: cred.identityToken,
                client_id: 'multiarch-build-action',
                scope,
                ...(service ? { service } : {}),
            });
            res = await (0,undici/* fetch */.hd)(url, {
                method: 'POST',
                body: form,
                signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                dispatcher: via(url),
            });
        }
        else {
            if (service)
                url.searchParams.set('service', service);
            url.searchParams.set('scope', scope);
            const headers = cred?.password ? { Authorization: basic(cred) } : {};
            res = await (0,undici/* fetch */.hd)(url, {
                headers,
                signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                dispatcher: via(url),
            });
        }
        if (!res.ok)
            throw new RegistryApiError(`the token service of ${host} answered ${res.status}`, res.status);
        const body = (await res.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryApiError(`the token service of ${host} gave no token`, 401);
        step.log.mask(token);
        return `Bearer ${token}`;
    }
    /**
     * One request, authorised as the registry asks: on a 401, with the authorisation another request got
     * meanwhile (requests run side by side), else a new one from the challenge; once.
     */
    async function send(method, endpoint, path, scope) {
        const key = `${endpoint.host} ${scope}`;
        const once = async (auth) => {
            try {
                const url = new URL(`${endpoint.base}${path}`);
                return await (0,undici/* fetch */.hd)(url, {
                    method,
                    headers: auth ? { Authorization: auth } : {},
                    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
                    dispatcher: via(url),
                });
            }
            catch (e) {
                // fetch says "fetch failed"; the reason (ECONNREFUSED, a reset, a timeout) is its cause.
                const cause = e.cause?.message ?? e.message;
                throw new RegistryApiError(`the registry at ${endpoint.host} did not answer (${cause})`);
            }
        };
        const sent = authorizations.get(key);
        const res = await once(sent);
        if (res.status !== 401)
            return res;
        const challenge = res.headers.get('www-authenticate') ?? '';
        await res.body?.cancel();
        const current = authorizations.get(key);
        const auth = current && current !== sent ? current : await authorize(challenge, endpoint.host, scope);
        authorizations.set(key, auth);
        return once(auth);
    }
    const withRetry = (what, fn) => (0,retry/* retry */.L5)(step.exec, step.log, { ...RETRY, what }, fn, apiErrorIsTransient);
    return {
        tags(repository) {
            const endpoint = endpointOf(repository);
            return withRetry(`listing the tags of ${repository}`, async () => {
                const tags = [];
                let next = `/v2/${endpoint.path}/tags/list?n=1000`;
                for (let page = 0; next && page < 1000; page++) {
                    const res = await send('GET', endpoint, next, `repository:${endpoint.path}:pull`);
                    if (res.status === 404)
                        return tags; // a repository with no tag yet
                    if (!res.ok) {
                        const code = await errorCode(res);
                        throw new RegistryApiError(`listing the tags of ${repository} answered ${res.status}${code ? ` ${code}` : ''}`, res.status);
                    }
                    tags.push(...((await res.json()).tags ?? []));
                    // Link: </v2/<name>/tags/list?last=x&n=1000>; rel="next"
                    next = /<([^>]+)>;\s*rel="?next"?/.exec(res.headers.get('link') ?? '')?.[1];
                    if (next?.startsWith('http'))
                        next = new URL(next).pathname + new URL(next).search;
                }
                return tags;
            });
        },
        async pushAccess(repository) {
            const endpoint = endpointOf(repository);
            const scope = `repository:${endpoint.path}:pull,push`;
            try {
                return await withRetry(`checking push access to ${repository}`, async () => {
                    const res = await send('POST', endpoint, `/v2/${endpoint.path}/blobs/uploads/`, scope);
                    if (res.status === 202) {
                        await res.body?.cancel();
                        const location = res.headers.get('location');
                        // The upload is left to expire if it cannot be cancelled: it holds no content.
                        if (location) {
                            const url = new URL(location, endpoint.base);
                            await send('DELETE', endpoint, url.pathname + url.search, scope)
                                .then((r) => r.body?.cancel())
                                .catch(() => undefined);
                        }
                        return { kind: 'ok' };
                    }
                    const code = await errorCode(res);
                    const answer = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
                    if (res.status === 429 || res.status >= 500)
                        throw new RegistryApiError(`${endpoint.host} answered ${answer}`, res.status);
                    return { kind: 'refused', reason: `${endpoint.host} refuses this login's pushes (${answer})` };
                });
            }
            catch (e) {
                const reason = e.message;
                if (e instanceof RegistryApiError && e.status === 401)
                    return { kind: 'refused', reason };
                return { kind: NOTHING_THERE.test(reason) ? 'unreachable' : 'unknown', reason };
            }
        },
        async deleteTag(repository, tag) {
            // A digest here would delete the manifest the published index references: only tags, by name.
            if (!(0,refs/* isTag */.dz)(tag))
                return { deleted: false, reason: `"${tag}" is not a tag` };
            const endpoint = endpointOf(repository);
            try {
                return await withRetry(`deleting ${repository}:${tag}`, async () => {
                    const res = await send('DELETE', endpoint, `/v2/${endpoint.path}/manifests/${tag}`, `repository:${endpoint.path}:delete`);
                    if (res.ok || res.status === 404) {
                        await res.body?.cancel();
                        return { deleted: true };
                    }
                    const code = await errorCode(res);
                    const answer = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
                    if (res.status === 400 || res.status === 405)
                        return { deleted: false, reason: `the registry refuses tag deletion (${answer})` };
                    if (res.status === 401 || res.status === 403)
                        return { deleted: false, reason: `the registry does not let this login delete tags (${answer})` };
                    throw new RegistryApiError(`deleting ${repository}:${tag} answered ${answer}`, res.status);
                });
            }
            catch (e) {
                return { deleted: false, reason: e.message };
            }
        },
    };
}


/***/ }),

/***/ 2440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ Registry)
/* harmony export */ });
/* unused harmony export READ_RETRY */
/* harmony import */ var _exec_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7195);
/* harmony import */ var _failures_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9280);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1);



/** Registry reads: 4 attempts, 1 s, 2 s, 4 s apart (±25 %), on top of buildx's own immediate retry. */
const READ_RETRY = { attempts: 4, baseMs: 1000 };
/** The registry as phases read it: one handle over buildx, the step's process runner and its log. */
class Registry {
    step;
    buildx;
    env;
    /** `env` is added to every command's environment (e.g. BUILDX_BUILDER, for the builder's registry config). */
    constructor(step, buildx, env = {}) {
        this.step = step;
        this.buildx = buildx;
        this.env = env;
    }
    read(what, args) {
        return (0,_exec_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .retry */ .L5)(this.step.exec, this.step.log, { ...READ_RETRY, what }, () => this.buildx.run(['imagetools', 'inspect', ...args], { echo: false, env: this.env }), _failures_js__WEBPACK_IMPORTED_MODULE_1__/* .errorIsTransient */ .pc);
    }
    /** Reads the manifest or index `ref` names. Throws the last ExecError once retries are spent. */
    async inspect(ref) {
        const { stdout } = await this.read(`inspecting ${ref}`, ['--raw', ref]);
        return { ref, raw: stdout, digest: (0,_manifests_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256 */ .sc)(stdout), manifest: JSON.parse(stdout) };
    }
    /** Like inspect, but a reference that does not exist is `undefined`; any other failure still throws. */
    async lookup(ref) {
        try {
            return await this.inspect(ref);
        }
        catch (e) {
            if ((0,_failures_js__WEBPACK_IMPORTED_MODULE_1__/* .isNotFound */ .c4)(e))
                return undefined;
            throw e;
        }
    }
    /** The platform a single image manifest was built for, from its config (a manifest itself names none). */
    async platformOf(ref) {
        const { stdout } = await this.read(`reading the config of ${ref}`, ['--format', '{{json .Image}}', ref]);
        const config = JSON.parse(stdout);
        if (!config.os || !config.architecture)
            throw new Error(`${ref} has no os/architecture in its config`);
        return {
            os: config.os,
            architecture: config.architecture,
            ...(config.variant ? { variant: config.variant } : {}),
        };
    }
}


/***/ }),

/***/ 9280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   pc: () => (/* binding */ errorIsTransient),
/* harmony export */   sA: () => (/* binding */ registryReason)
/* harmony export */ });
/* unused harmony export isUnreachable */
/* harmony import */ var _exec_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2568);
// What a failed registry command means: worth retrying, unreachable, or simply "not there".

/** Registry hiccups worth another try; a 4xx other than 429 will not change and is not retried. */
function isTransient(text) {
    return /\b(50[0-4]|429)\b|too many requests|toomanyrequests|service unavailable|bad gateway|gateway timeout|i\/o timeout|tls handshake timeout|connection reset|connection refused|timed out|Client\.Timeout exceeded|broken pipe|\bEOF\b|context deadline exceeded/i.test(text);
}
/** A command that failed for a transient registry reason (see isTransient). */
const errorIsTransient = (e) => e instanceof _exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI && isTransient((0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .fullErrorText */ .TX)(e));
/** The registry could not be reached at all (as opposed to answering with an error status). */
function isUnreachable(text) {
    return /failed to do request|connection reset|connection refused|no such host|i\/o timeout|tls handshake timeout|\bEOF\b|broken pipe|network is unreachable/i.test(text);
}
/** buildx's answer for a reference the registry does not hold: `ERROR: <ref>: not found`. */
const isNotFound = (e) => /: not found\s*$|manifest unknown|MANIFEST_UNKNOWN|\b404\b/im.test(e instanceof _exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI ? e.result.stderr : (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e));
/**
 * Why a registry command failed, in one line: an unreachable registry says so (the raw text is a Go
 * transport error), anything else is the tool's own last line.
 */
function registryReason(e) {
    const text = (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e);
    const stderr = e instanceof _exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .ExecError */ .cI ? e.result.stderr : '';
    if (isUnreachable(`${stderr}\n${text}`)) {
        const host = /https?:\/\/([^/"\s]+)/.exec(stderr || text)?.[1];
        return `the registry${host ? ` at ${host}` : ''} did not answer (${text.replace(/^failed to do request: /, '')})`;
    }
    return text;
}


/***/ }),

/***/ 1:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ indexPlatforms),
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   Wd: () => (/* binding */ diffPlatforms),
/* harmony export */   fA: () => (/* binding */ descriptorPlatform),
/* harmony export */   nw: () => (/* binding */ isIndex),
/* harmony export */   sc: () => (/* binding */ sha256)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _model_platforms_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3065);
// OCI image index and descriptor shapes, and what can be read off them without a registry.


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
        return (0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPlatform */ .Bq)((0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePlatform */ .FL)(text));
    }
    catch {
        return text;
    }
}
/** How `actual` platforms differ from `expected` ones (all normalised strings). */
function diffPlatforms(expected, actual) {
    const want = new Set(expected);
    const have = new Set(actual);
    return {
        missing: expected.filter((p) => !have.has(p)),
        extra: [...have].filter((p) => !want.has(p)),
        duplicate: actual.filter((p, i) => actual.indexOf(p) !== i),
    };
}
/** The digest of a manifest's exact bytes, as a registry computes it. */
const sha256 = (text) => `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex')}`;


/***/ }),

/***/ 7906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ repositoriesOf),
/* harmony export */   y: () => (/* binding */ resolveTags)
/* harmony export */ });
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(377);

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
    // `acme/app:1` and `docker.io/acme/app:1` are one tag: keep the first spelling.
    return firstOfEach(refs, (r) => {
        const ref = (0,_refs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(r);
        return ref ? `${(0,_refs_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepository */ .Y1)(ref.repository)}:${ref.tag ?? ''}` : r;
    });
}
/** Repositories the refs point into, each once however it is spelled (Docker Hub), in first-seen order. */
function repositoriesOf(refs) {
    const repos = refs.map((r) => (0,_refs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(r)?.repository ?? r);
    return firstOfEach(repos, _refs_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepository */ .Y1);
}
function firstOfEach(values, key) {
    const seen = new Set();
    return values.filter((v) => {
        const k = key(v);
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}


/***/ })

};
