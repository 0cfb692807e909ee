export const id = 732;
export const ids = [732];
export const modules = {

/***/ 335:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ findBuildxPlugin)
/* harmony export */ });
/* unused harmony export pluginDirs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** Where the docker CLI looks for plugins, in its order: the user's config dir, its extra dirs, then the system's. */
function pluginDirs(env, home = (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)()) {
    const config = env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(home, '.docker');
    let extra = [];
    try {
        const parsed = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(config, 'config.json'), 'utf8'));
        extra = parsed.cliPluginsExtraDirs ?? [];
    }
    catch {
        // no config, or not JSON: the docker CLI would ignore it too
    }
    const system = ['/usr/local/lib', '/usr/local/libexec', '/usr/lib', '/usr/libexec'].map((d) => `${d}/docker/cli-plugins`);
    return [(0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(config, 'cli-plugins'), ...extra, ...system];
}
/**
 * The buildx plugin binary the docker CLI would run. Running it directly (buildx runs standalone) skips the
 * CLI's own start-up and its plugin metadata call: about 50 ms on every buildx command.
 */
function findBuildxPlugin(env = process.env) {
    for (const dir of pluginDirs(env)) {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'docker-buildx');
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

/***/ 9903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ setUpBuildx)
/* harmony export */ });
/* unused harmony export DEFAULT_BUILDX_VERSION */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _buildx_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3303);
/* harmony import */ var _buildx_plugin_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(335);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3190);







/** What a runner without buildx gets: a release this action is tested with. */
const DEFAULT_BUILDX_VERSION = 'v0.29.1';
/**
 * Chooses the buildx that runs this step's commands: `buildx-version` when set (downloaded, checksum-checked,
 * cached); else the installed plugin, run directly; else, with no buildx at all, the default release.
 * The version is planned (and so validated) before anything is downloaded.
 */
async function setUpBuildx(inputs, phases) {
    let version = inputs.buildxVersion;
    if (!version) {
        const plugin = (0,_buildx_plugin_js__WEBPACK_IMPORTED_MODULE_4__/* .findBuildxPlugin */ .l)();
        if (plugin)
            return (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .useBuildxBinary */ .rB)(plugin);
        // Not where the docker CLI looks by default: ask it, in case it finds one elsewhere.
        const viaCli = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .exec */ .m0)(['docker', 'buildx', 'version'], { echo: false, allowFailure: true }).catch(() => undefined);
        if (viaCli?.code === 0)
            return;
        version = DEFAULT_BUILDX_VERSION;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`buildx is not installed on this runner: using buildx ${version} for this step (set buildx-version to choose)`);
    }
    const plan = (0,_buildx_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planBuildxDownload */ .CL)({
        version,
        baseUrl: inputs.buildxUrl,
        platform: process.platform,
        arch: process.arch,
    });
    await phases.run('buildx', `Installing buildx ${plan.version}`, async () => {
        // The runner sets both; elsewhere (a local run, some other CI) keep the tool cache under the temp dir.
        process.env.RUNNER_TEMP ||= (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)();
        process.env.RUNNER_TOOL_CACHE ||= (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(process.env.RUNNER_TEMP, 'toolcache');
        const { installBuildx } = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(807)]).then(__webpack_require__.bind(__webpack_require__, 8807));
        try {
            (0,_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .useBuildxBinary */ .rB)(await installBuildx(plan, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq));
        }
        catch (e) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ActionError */ .lZ('buildx', e.message, inputs.buildxUrl ? 'buildx-url' : 'buildx-version');
        }
    });
}


/***/ }),

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
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   fA: () => (/* binding */ descriptorPlatform),
/* harmony export */   fY: () => (/* binding */ lookupRaw),
/* harmony export */   hD: () => (/* binding */ inspectRaw),
/* harmony export */   nw: () => (/* binding */ isIndex),
/* harmony export */   sA: () => (/* binding */ registryReason),
/* harmony export */   sc: () => (/* binding */ sha256),
/* harmony export */   uf: () => (/* binding */ verifyPublished)
/* harmony export */ });
/* unused harmony exports indexPlatforms, READ_RETRY, checkPublished */
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
