export const id = 757;
export const ids = [757];
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

/***/ 7757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUBLISH_RETRY: () => (/* binding */ PUBLISH_RETRY),
  copyRace: () => (/* binding */ copyRace),
  merge: () => (/* binding */ merge),
  tagStates: () => (/* binding */ tagStates)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/buildx/buildx.ts
var buildx_buildx = __webpack_require__(1826);
// EXTERNAL MODULE: ./src/exec/exec.ts + 1 modules
var exec = __webpack_require__(2568);
// EXTERNAL MODULE: ./src/exec/retry.ts
var retry = __webpack_require__(7195);
// EXTERNAL MODULE: ./src/model/annotations.ts
var model_annotations = __webpack_require__(315);
// EXTERNAL MODULE: ./src/model/platforms.ts
var model_platforms = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/phases/handoff.ts
var handoff = __webpack_require__(3102);
// EXTERNAL MODULE: ./src/registry/failures.ts
var failures = __webpack_require__(9280);
// EXTERNAL MODULE: ./src/registry/manifests.ts
var manifests = __webpack_require__(1);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/phases/merge-finish.ts




const code = (s) => `<code>${s}</code>`;
/**
 * Prints the index `args` (an `imagetools create --dry-run`) produces, without pushing anything. Undefined
 * `args`: nothing can be shown (sources that must be copied first). Throws ActionError (phase merge).
 */
async function dryRun(step, buildx, args, why) {
    if (!args)
        return { why };
    try {
        const { stdout } = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 4, baseMs: 1000, what: 'the dry run' }, () => buildx.run(args, { echo: false }), failures/* errorIsTransient */.pc);
        return { index: stdout.replace(/\n$/, '') };
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('merge', `the dry run (imagetools create --dry-run) failed: ${(0,failures/* registryReason */.sA)(e)}`);
    }
}
/** Outputs and summary of a dry run: nothing pushed, the index that would be, the tags it would get. */
function reportDryRun(step, result, tags, summary) {
    const { outputs, log } = step;
    outputs.set('tags', '');
    outputs.set('digest', result.index ? (0,manifests/* sha256 */.sc)(result.index) : '');
    outputs.set('manifest', result.index ?? '');
    summary.digest = result.index ? (0,manifests/* sha256 */.sc)(result.index) : undefined;
    const would = tags.map(code).join(', ');
    summary.facts.push([
        'Dry run',
        `push: false — nothing was pushed; a merge with push would publish ${would}`,
    ]);
    if (result.index) {
        log.info(`Dry run (push: false): the index ${(0,manifests/* sha256 */.sc)(result.index)} would be published to ${tags.join(', ')}:`);
        log.info(result.index);
        summary.details = { title: 'The index that would be published', body: result.index, lang: 'json' };
    }
    else {
        log.notice(`Dry run (push: false): nothing was pushed; the index cannot be shown: ${result.why}`);
        summary.facts.push(['Index', result.why ?? '']);
    }
}
/**
 * After a successful publish: deletes the handoff tags the legs wrote (by tag, never by digest: the digest
 * is the leg's record, which nothing published references, but the rule stays simple and safe). A registry
 * that refuses (distribution 2.x answers 400, OCI 1.1 allows 400/405) leaves them: listed in the summary
 * and a notice. Never fails the merge: the index is published by then.
 */
async function removeHandoffTags(step, api, legs, summary) {
    const tags = legs.flatMap((l) => l.tags);
    if (!tags.length)
        return;
    const results = await Promise.all(tags.map(async (t) => ({ ...t, result: await api.deleteTag(t.repository, t.tag) })));
    const deleted = results.filter((r) => r.result.deleted).map((r) => r.tag);
    const left = results.filter((r) => !r.result.deleted);
    if (deleted.length) {
        step.log.info(`Removed the handoff tags: ${deleted.join(', ')}`);
        summary.facts.push(['Handoff tags removed', deleted.map(code).join(', ')]);
    }
    if (left.length) {
        const [first] = left;
        const reason = first.result.deleted ? '' : first.result.reason;
        step.log.notice(`${left.length} handoff tag(s) left in ${first.repository} (${reason}): ${left.map((r) => r.tag).join(', ')}; remove them with the registry's own tools or a retention policy for run-* tags`);
        summary.facts.push(['Handoff tags left', `${left.map((r) => code(r.tag)).join(', ')} (${reason})`]);
    }
}

// EXTERNAL MODULE: ./src/registry/refs.ts
var refs = __webpack_require__(377);
// EXTERNAL MODULE: ./src/phases/fingerprint.ts
var fingerprint = __webpack_require__(5036);
// EXTERNAL MODULE: ./src/phases/handoff-store.ts
var handoff_store = __webpack_require__(1654);
;// CONCATENATED MODULE: ./src/phases/merge-legs.ts







async function fromCache(ctx, inputs, platforms, store, out) {
    for (const p of platforms) {
        const prefix = (0,handoff/* handoffKeyPrefix */.ox)(inputs.images, inputs.variant, p, ctx.runId);
        // A leg refused because another configuration held its key left its record under a clash key.
        const clashes = (0,handoff/* clashKeyPrefix */.rn)(inputs.images, inputs.variant, p, ctx.runId);
        let record;
        let clash;
        try {
            record = await store.load(`${prefix}${ctx.runAttempt}`, prefix);
            clash = record && (await store.load(clashes, clashes));
        }
        catch (e) {
            throw new errors/* ActionError */.lZ('merge', `cannot read the Actions cache (${e.message}) — nothing was pushed`, 'handoff');
        }
        const found = out.byPlatform.get((0,model_platforms/* formatPlatform */.Bq)(p));
        if (record)
            found?.push({ record, where: `cache:${prefix}${record.runAttempt}` });
        if (clash)
            found?.push({ record: clash, where: `cache:${clashes}${clash.config.fingerprint} (refused)` });
    }
}
async function fromTags(ctx, registry, api, inputs, platforms, out) {
    const repository = inputs.images[0];
    let tags;
    try {
        tags = await api.tags(repository);
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('merge', `cannot list the handoff tags of ${repository}: ${e.message} — nothing was pushed`, 'handoff');
    }
    const mine = new Set();
    await Promise.all(platforms.map(async (p) => {
        const pattern = (0,handoff/* handoffTagPattern */.pt)(ctx.runId, inputs.variant, p);
        for (const tag of tags.filter((t) => pattern.test(t))) {
            mine.add(tag);
            const ref = `${repository}:${tag}`;
            let found;
            try {
                found = await registry.lookup(ref);
            }
            catch (e) {
                throw new errors/* ActionError */.lZ('merge', `cannot read the handoff tag ${ref}: ${(0,failures/* registryReason */.sA)(e)} — nothing was pushed`);
            }
            if (!found)
                continue; // deleted since the listing
            const record = (0,handoff/* recordOf */.zv)(found.manifest);
            if (!record)
                throw new errors/* ActionError */.lZ('merge', `the handoff tag ${ref} holds no handoff record (a leg still writing it, or not a leg of this action); re-run that leg — nothing was pushed`, 'handoff');
            out.byPlatform.get((0,model_platforms/* formatPlatform */.Bq)(p))?.push({ record, where: ref, tag: { repository, tag } });
        }
    }));
    out.others = tags.filter((t) => t.startsWith(`run-${ctx.runId}-`) && !mine.has(t));
}
/**
 * Every handoff record of this run for the merge's image set, variant and platforms: from the Actions cache
 * (handoff cache, or auto where the service is), then from handoff tags for what is still missing (a leg on
 * the docker driver hands off by tags even where the cache exists). Throws ActionError when a store or the
 * registry cannot be read.
 */
async function findCandidates(ctx, registry, api, inputs, store) {
    const out = {
        byPlatform: new Map(inputs.platforms.map((p) => [(0,model_platforms/* formatPlatform */.Bq)(p), []])),
        looked: '',
        others: [],
    };
    const useCache = inputs.handoff === 'cache' || (inputs.handoff === 'auto' && (store !== undefined || ctx.cacheService));
    if (useCache)
        await fromCache(ctx, inputs, inputs.platforms, store ?? (0,handoff_store/* actionsCacheStore */.$)(ctx.workspace), out);
    const missing = inputs.platforms.filter((p) => !out.byPlatform.get((0,model_platforms/* formatPlatform */.Bq)(p))?.length);
    const useTags = inputs.handoff !== 'cache';
    if (useTags && missing.length)
        await fromTags(ctx, registry, api, inputs, missing, out);
    out.looked = useCache && useTags ? 'cache or tags' : useCache ? 'cache' : 'tags';
    return out;
}
const sameSet = (a, b) => a.map(refs/* normalizeRepository */.Y1).sort().join('\n') === b.map(refs/* normalizeRepository */.Y1).sort().join('\n');
const labelled = (f) => `${(0,handoff/* legLabel */.Nj)(f.record)} as ${f.where}`;
function checkIdentity(ctx, inputs, platform, f) {
    const r = f.record;
    const wrong = r.runId !== ctx.runId
        ? `run ${r.runId}, not this run (${ctx.runId})`
        : r.variant !== inputs.variant
            ? `variant "${r.variant}", not "${inputs.variant}"`
            : !sameSet(r.images, inputs.images)
                ? `image ${r.images.join(', ')}, not ${inputs.images.join(', ')}`
                : !r.platforms.includes(platform)
                    ? `platforms ${r.platforms.join(', ')}, without ${platform}`
                    : '';
    if (wrong)
        throw new errors/* ActionError */.lZ('merge', `${f.where} is a handoff record of ${wrong}; it cannot stand for ${platform} — nothing was pushed`, 'variant');
}
/** The newest attempt among records of one configuration. */
const newest = (found) => found.reduce((a, b) => (Number(b.record.runAttempt) > Number(a.record.runAttempt) ? b : a));
/**
 * Proves the candidates are one leg per platform of this run, variant and image set, all of one build
 * configuration, all pushed (unless `dryRun`). Returns the legs with the platforms each contributes; an empty
 * list for a dry run where no leg handed anything off (legs with push: false hand off nothing by tags).
 * Throws ActionError (phase merge) naming the platform, the legs and the input to change.
 */
function proveLegs(ctx, inputs, candidates, dryRun) {
    const chosen = new Map();
    const missing = [];
    for (const [platform, found] of candidates.byPlatform) {
        for (const f of found)
            checkIdentity(ctx, inputs, platform, f);
        const configs = new Map();
        for (const f of found)
            configs.set(f.record.config.fingerprint, [...(configs.get(f.record.config.fingerprint) ?? []), f]);
        if (configs.size > 1) {
            const [a, b] = [...configs.values()].map(newest);
            throw new errors/* ActionError */.lZ('merge', `legs of this run handed off ${platform} for ${configs.size} build configurations (differing in ${(0,fingerprint/* differingInputs */.cG)(a.record.config, b.record.config).join(', ')}): ${[...configs.values()].map((c) => labelled(newest(c))).join('; ')}; a merge cannot tell which to publish: set variant on each variant's legs and on its merge (e.g. variant: slim) — nothing was pushed`, 'variant');
        }
        if (found.length)
            chosen.set(platform, newest(found));
        else
            missing.push(platform);
    }
    if (missing.length) {
        if (dryRun && missing.length === candidates.byPlatform.size)
            return [];
        const hint = candidates.others.length
            ? ` (this run's other handoff tags: ${candidates.others.slice(0, 4).join(', ')}${candidates.others.length > 4 ? ', …' : ''}: another variant?)`
            : '';
        throw new errors/* ActionError */.lZ('merge', `no leg was handed off (${candidates.looked}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} in this run with mode: build and the same image, variant and handoff${hint} — nothing was pushed`, 'platforms');
    }
    const entries = [...chosen];
    const [first] = entries;
    for (const [platform, f] of entries) {
        if (!first || f.record.config.fingerprint === first[1].record.config.fingerprint)
            continue;
        throw new errors/* ActionError */.lZ('merge', `${first[0]} (${labelled(first[1])}) and ${platform} (${labelled(f)}) were built from different configurations (differing in ${(0,fingerprint/* differingInputs */.cG)(first[1].record.config, f.record.config).join(', ')}); a merge publishes one configuration: set variant on each variant's legs and its merge, or build every platform of it from the same inputs (per-platform values belong in the Dockerfile: BuildKit sets TARGETARCH and TARGETPLATFORM per platform) — nothing was pushed`, 'variant');
    }
    if (!dryRun) {
        const unpushed = entries.find(([, f]) => !f.record.pushed);
        if (unpushed)
            throw new errors/* ActionError */.lZ('merge', `${(0,handoff/* legLabel */.Nj)(unpushed[1].record)} built ${unpushed[0]} with push: false, so nothing of it is in the registry; set push: false on the merge too (a dry run), or let the legs push — nothing was pushed`, 'push');
    }
    const legs = new Map();
    for (const [platform, found] of entries) {
        const key = `${found.record.digest} ${found.record.runAttempt}`;
        const leg = legs.get(key) ?? { record: found.record, platforms: [], where: [], tags: [] };
        leg.platforms.push(platform);
        leg.where.push(found.where);
        if (found.tag)
            leg.tags.push(found.tag);
        legs.set(key, leg);
    }
    return [...legs.values()];
}

// EXTERNAL MODULE: ./src/registry/tags.ts
var registry_tags = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/phases/merge-plan.ts






/** The platform exactly as an index entry writes it (linux/arm stays linux/arm). */
const platformText = (d) => d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';
/**
 * Rewrites the platform of entries an override matches (exactly as written in the index: linux/arm is not
 * linux/arm/v7). Returns the entries and the overrides that matched nothing.
 */
function applyOverrides(entries, overrides) {
    const used = new Set();
    const out = entries.map((entry) => {
        const i = overrides.findIndex((o) => (0,model_platforms/* formatPlatform */.Bq)(o.from) === platformText(entry.descriptor));
        const rule = overrides[i];
        if (!rule || (0,manifests/* isAttestation */.H3)(entry.descriptor))
            return entry;
        used.add(i);
        const { os, arch: architecture, variant } = rule.to;
        const platform = { ...entry.descriptor.platform, os, architecture, ...(variant ? { variant } : {}) };
        if (!variant)
            delete platform.variant;
        return {
            ...entry,
            descriptor: { ...entry.descriptor, platform },
            platform: (0,model_platforms/* formatPlatform */.Bq)(rule.to),
            overridden: true,
        };
    });
    const unused = overrides
        .filter((_, i) => !used.has(i))
        .map((o) => `${(0,model_platforms/* formatPlatform */.Bq)(o.from)}=${(0,model_platforms/* formatPlatform */.Bq)(o.to)}`);
    return { entries: out, unused };
}
/**
 * The platforms the merge publishes (`expected`, or what the sources hold when platforms is unset), after
 * checking the image entries against them. Throws ActionError (merge, input platforms) on any difference.
 */
function checkPlatformSet(expected, images) {
    const actual = images.map((e) => e.platform);
    const want = expected.length ? expected : [...new Set(actual)];
    const { missing, extra, duplicate } = (0,manifests/* diffPlatforms */.Wd)(want, actual);
    if (!missing.length && !extra.length && !duplicate.length)
        return want;
    const parts = [
        missing.length ? `missing ${missing.join(', ')}` : '',
        extra.length ? `not in platforms: ${extra.join(', ')}` : '',
        duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
    ].filter(Boolean);
    throw new errors/* ActionError */.lZ('merge', `the sources do not match platforms (${parts.join('; ')}); nothing was pushed`, 'platforms');
}
/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
function mergeAnnotations(annotations) {
    const out = [];
    let moved = 0;
    const dropped = [];
    for (const a of annotations) {
        const levels = (0,model_annotations/* levelsOf */.pd)(a);
        const keep = levels.filter((t) => t === 'index' || t === 'manifest-descriptor');
        // A platform-selected manifest annotation has no meaning on the whole index: dropped, with a warning.
        if (levels.includes('manifest') && !keep.includes('index') && !a.selector) {
            keep.push('index');
            moved++;
        }
        if (!keep.length)
            dropped.push((0,model_annotations/* formatAnnotation */.tn)(a));
        else
            out.push({ ...a, levels: keep });
    }
    return { annotations: out, moved, dropped };
}
/**
 * One `imagetools create` per repository. Sources go as references when each is used whole and nothing is
 * overridden (imagetools copies them across repositories itself, and a single index is published as is).
 * Otherwise every entry goes as a descriptor file (platform rewritten, part of a leg's index, attestations
 * and annotations kept): imagetools reads those from the target repository, so each entry from elsewhere is
 * first copied there by digest (`--tag <repository>@<digest>`: no tag is created). Entries are copied one
 * by one, as single manifests: an index copied whole is re-serialised by imagetools (another digest).
 */
function planCreate(tags, sources, annotations, descriptorFiles, entries = []) {
    const unique = [...new Map(sources.map((s) => [s.found?.digest ?? s.ref, s])).values()];
    return (0,registry_tags/* repositoriesOf */.U)(tags).map((repository) => {
        const repoTags = tags.filter((t) => (0,refs/* sameRepository */.RB)(t, repository));
        const args = ['imagetools', 'create', '--progress', 'plain'];
        for (const a of annotations)
            args.push('--annotation', (0,model_annotations/* formatAnnotation */.tn)(a));
        for (const t of repoTags)
            args.push('--tag', t);
        const copies = new Map();
        if (descriptorFiles.length) {
            for (const file of descriptorFiles)
                args.push('--file', file);
            for (const { source, descriptor } of entries) {
                const from = (0,refs/* parseReference */.F2)(source.ref)?.repository;
                if (!from || (0,refs/* sameRepository */.RB)(from, repository))
                    continue;
                const to = `${repository}@${descriptor.digest}`;
                // A single manifest stays as it is (no wrapping index, which would have another digest).
                const copy = ['imagetools', 'create', '--progress', 'plain', '--prefer-index=false', '--tag', to];
                copies.set(to, {
                    from: `${from}@${descriptor.digest}`,
                    to,
                    args: [...copy, `${from}@${descriptor.digest}`],
                });
            }
        }
        else
            args.push(...unique.map((s) => s.ref));
        return { repository, tags: repoTags, copies: [...copies.values()], args };
    });
}
/**
 * The `imagetools create --dry-run` that prints the index a plan publishes (the same for every repository:
 * an index does not name its repository). Descriptor files are read from one repository, so when they come
 * from another, the dry run reads them there. Undefined when the sources span several repositories and must
 * be copied first (nothing can be copied in a dry run).
 */
function planDryRun(plan, sources) {
    if (!plan.copies.length)
        return [...plan.args, '--dry-run'];
    const repositories = new Set(sources.map((s) => (0,refs/* parseReference */.F2)(s.ref)?.repository));
    if (repositories.size !== 1)
        return undefined;
    const [repository] = [...repositories];
    const args = [];
    for (let i = 0; i < plan.args.length; i++) {
        if (plan.args[i] === '--tag')
            i++;
        else
            args.push(plan.args[i]);
    }
    args.splice(4, 0, '--tag', `${repository}:dry-run`);
    return [...args, '--dry-run'];
}

;// CONCATENATED MODULE: ./src/phases/merge-sources.ts





/** `sha256:` sources take the repository of the first image, as imagetools does with its tags. */
function sourceRef(source, images) {
    return (0,refs/* isDigest */.Bc)(source) ? `${images[0]}@${source}` : source;
}
/**
 * The index entries a source contributes (a single manifest becomes one entry, its platform from its
 * config). Throws ActionError (phase merge) naming sources when the source cannot be read.
 */
async function sourceEntries(registry, source) {
    try {
        const found = source.found ?? (await registry.inspect(source.ref));
        // Kept: planning needs the source's digest and kind (index or manifest) to copy it between repositories.
        source.found = found;
        if ((0,manifests/* isIndex */.nw)(found.manifest)) {
            return (found.manifest.manifests ?? []).map((descriptor) => ({
                source,
                descriptor,
                platform: (0,manifests/* descriptorPlatform */.fA)(descriptor),
                overridden: false,
            }));
        }
        // A single-platform image (a leg built with provenance and sbom off): its config names the platform.
        const descriptor = {
            mediaType: found.manifest.mediaType ?? '',
            digest: found.digest,
            size: Buffer.byteLength(found.raw),
            platform: await registry.platformOf(`${(0,refs/* parseReference */.F2)(source.ref)?.repository}@${found.digest}`),
        };
        return [{ source, descriptor, platform: (0,manifests/* descriptorPlatform */.fA)(descriptor), overridden: false }];
    }
    catch (e) {
        if (e instanceof errors/* ActionError */.lZ)
            throw e;
        throw new errors/* ActionError */.lZ('merge', `cannot read source ${source.label}: ${(0,failures/* registryReason */.sA)(e)}`, 'sources');
    }
}
/** The explicit `sources`: each contributes its whole index (or its one manifest). */
async function explicitSources(registry, inputs) {
    const sources = inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
    // Sources are independent registry reads: one at a time would cost a process round trip each.
    const entries = (await Promise.all(sources.map((source) => sourceEntries(registry, source)))).flat();
    return { sources, entries, partial: false };
}
const referenced = (d) => d.annotations?.['vnd.docker.reference.digest'];
/**
 * The entries the legs contribute: out of each leg's index, the image manifest of each platform the merge
 * takes from it, and the attestation manifests that refer to those (vnd.docker.reference.digest). Throws
 * ActionError when a leg's image does not hold a platform its record names.
 */
async function legSources(registry, inputs, legs) {
    const repository = inputs.images[0];
    const picked = await Promise.all(legs.map(async (leg) => {
        const source = { label: (0,handoff/* legLabel */.Nj)(leg.record), ref: `${repository}@${leg.record.digest}` };
        const all = await sourceEntries(registry, source);
        const images = all.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor) && leg.platforms.includes(e.platform));
        const absent = leg.platforms.filter((p) => !images.some((e) => e.platform === p));
        if (absent.length) {
            const holds = all.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor)).map((e) => e.platform);
            throw new errors/* ActionError */.lZ('merge', `${source.label} recorded ${absent.join(', ')}, but ${source.ref} holds ${holds.join(', ') || 'no platform'} — nothing was pushed`);
        }
        const digests = new Set(images.map((e) => e.descriptor.digest));
        const attestations = all.filter((e) => (0,manifests/* isAttestation */.H3)(e.descriptor) && digests.has(referenced(e.descriptor) ?? ''));
        const entries = [...images, ...attestations];
        return { source, entries, partial: entries.length < all.length };
    }));
    return {
        sources: picked.map((p) => p.source),
        entries: picked.flatMap((p) => p.entries),
        partial: picked.some((p) => p.partial),
    };
}

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

;// CONCATENATED MODULE: ./src/registry/api.ts
// The two registry calls buildx has no command for: list a repository's tags, delete a tag (never a manifest).
// Distribution-spec HTTP with the docker config's credentials (Basic, or a Bearer token from the registry's
// token service). No secret reaches the log, a command line or an error message.



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
/** Loopback registries are plain HTTP, as the docker CLI and buildx treat them. */
const isLoopback = (host) => /^(localhost|127(\.\d+){3}|\[::1\])(:\d+)?$/.test(host);
/** Where the API for `repository` (as in a reference, e.g. ghcr.io/acme/app or acme/app) answers. */
function endpointOf(repository) {
    const [first = '', ...rest] = repository.split('/');
    const named = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
    const host = named ? first : 'docker.io';
    let path = named ? rest.join('/') : repository;
    if (host === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    const apiHost = host === 'docker.io' ? 'registry-1.docker.io' : host;
    return { host, base: `${isLoopback(apiHost) ? 'http' : 'https'}://${apiHost}`, path };
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
            res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        }
        else {
            if (service)
                url.searchParams.set('service', service);
            url.searchParams.set('scope', scope);
            const headers = cred?.password ? { Authorization: basic(cred) } : {};
            res = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
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
                return await fetch(`${endpoint.base}${path}`, {
                    method,
                    headers: auth ? { Authorization: auth } : {},
                    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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

// EXTERNAL MODULE: ./src/phases/verify.ts
var verify = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/registry/client.ts
var client = __webpack_require__(2440);
;// CONCATENATED MODULE: ./src/modes/merge.ts
// mode: merge — collect the legs (or sources) and prove them, publish one annotated OCI index per repository,
// read it back, remove the handoff tags. Nothing is pushed until every check has passed; push: false stops
// before pushing and prints the index instead.




















/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };
/**
 * Collects the legs (proving them of this run, variant and configuration) or the sources, checks the
 * platform set, publishes one annotated OCI index per image, verifies it, removes the handoff tags; with
 * push: false, a dry run that prints the index instead. Fills `summary` and the step's outputs. Throws
 * ActionError; nothing is pushed when a check fails.
 */
async function merge(step, inputs, phases, summary, seams = {}) {
    const dry = !inputs.push;
    summary.title = dry ? 'Multi-platform merge — dry run' : 'Multi-platform merge';
    const buildx = await (0,buildx_buildx/* setUpBuildx */.ar)(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
    const registry = new client/* Registry */.O(step, buildx);
    const api = seams.api ?? registryApi(step);
    const tags = (0,registry_tags/* resolveTags */.y)(inputs.images, inputs.tags);
    if (inputs.variant)
        summary.facts.push(['Variant', `<code>${inputs.variant}</code>`]);
    const collected = await phases.run('collect', 'Collecting the legs', () => collect(step.ctx, registry, api, inputs, seams.store, dry));
    if (!collected.contribution) {
        // A dry run whose legs pushed nothing: their records (if any) are all there is to check.
        summary.rows = collected.legs.flatMap((l) => l.platforms.map((p) => ({
            platform: p,
            digest: l.record.digest,
            source: (0,handoff/* legLabel */.Nj)(l.record),
            emulated: l.record.emulated.includes(p),
        })));
        const why = collected.legs.length
            ? 'the legs ran with push: false, so nothing is in the registry to show'
            : 'no leg of this run was handed off (legs with push: false hand off nothing through tags), so there is nothing to check beyond the inputs';
        return reportDryRun(step, { why }, tags, summary);
    }
    const { sources, entries, partial } = collected.contribution;
    const images = entries.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor));
    const platforms = checkPlatformSet(inputs.platforms.map(model_platforms/* formatPlatform */.Bq), images);
    const annotations = indexLevelAnnotations(step.log, inputs.annotations, entries);
    const descriptorFiles = partial || entries.some((e) => e.overridden) ? await writeDescriptors(step, entries) : [];
    const plans = planCreate(tags, sources, annotations, descriptorFiles, entries);
    const emulated = new Map(collected.legs.flatMap((l) => l.platforms.map((p) => [p, l.record.emulated.includes(p)])));
    summary.rows = images.map((e) => ({
        platform: e.platform,
        digest: e.descriptor.digest,
        source: e.source.label,
        emulated: emulated.get(e.platform),
    }));
    step.outputs.set('platforms', platforms.join(','));
    summary.tags = dry ? [] : tags;
    summary.annotations = annotations.map(model_annotations/* formatAnnotation */.tn);
    if (dry) {
        const [plan] = plans;
        const result = await phases.run('publish', 'Dry run: the index that would be published', () => dryRun(step, buildx, planDryRun(plan, sources), 'its sources come from several repositories and would be copied first'));
        return reportDryRun(step, result, tags, summary);
    }
    await phases.run('publish', `Publishing ${tags.length} tag(s)`, () => publish(step, buildx, plans));
    const expectedAnnotations = (0,model_annotations/* indexAnnotations */.nM)(annotations);
    const [published] = await phases.run('verify', 'Verifying the registry', () => (0,verify/* verifyPublished */.u)(registry, { refs: tags, platforms, indexAnnotations: expectedAnnotations }));
    const index = published;
    step.outputs.set('digest', index.digest);
    step.outputs.set('tags', tags.join('\n'));
    step.outputs.set('manifest', index.raw);
    summary.digest = index.digest;
    summary.annotations = Object.entries(expectedAnnotations).map(([k, v]) => `index:${k}=${v}`);
    await phases.run('cleanup', 'Removing the handoff tags', () => removeHandoffTags(step, api, collected.legs, summary));
}
/** The legs (proven) or the explicit sources, and what they contribute, overrides applied. Throws ActionError. */
async function collect(ctx, registry, api, inputs, store, dry) {
    let legs = [];
    let raw;
    if (inputs.sources.length)
        raw = await explicitSources(registry, inputs);
    else {
        legs = proveLegs(ctx, inputs, await findCandidates(ctx, registry, api, inputs, store), dry);
        if (!legs.length || legs.some((l) => !l.record.pushed))
            return { legs };
        raw = await legSources(registry, inputs, legs);
    }
    const { entries, unused } = applyOverrides(raw.entries, inputs.platformOverrides);
    if (unused.length) {
        const present = [
            ...new Set(raw.entries.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor)).map((e) => platformText(e.descriptor))),
        ];
        throw new errors/* ActionError */.lZ('merge', `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`, 'platform-overrides');
    }
    return { legs, contribution: { ...raw, entries } };
}
/**
 * The annotations the merged index gets, with a notice for moved ones and a warning for dropped ones.
 * Throws ActionError when annotations are asked for but every source is a Docker-format image.
 */
function indexLevelAnnotations(log, asked, entries) {
    const { annotations, moved, dropped } = mergeAnnotations(asked);
    if (moved)
        log.notice(`${moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`);
    if (dropped.length)
        log.warning(`Not applicable to a merged index, dropped: ${dropped.join(', ')}`);
    // buildx joins Docker-format manifests into a Docker manifest list, dropping every annotation silently.
    if (annotations.length &&
        entries.every((e) => e.descriptor.mediaType.startsWith('application/vnd.docker.'))) {
        const labels = [...new Set(entries.map((e) => e.source.label))];
        throw new errors/* ActionError */.lZ('merge', `annotations need an OCI index, but the sources are Docker-format images (${labels.join(', ')}), which buildx joins into a Docker manifest list without annotations; rebuild them with OCI media types (buildx: --output type=image,oci-mediatypes=true; this action's legs always are) or remove the annotations (${annotations.map(model_annotations/* formatAnnotation */.tn).join(', ')}) — nothing was pushed`, 'annotations');
    }
    return annotations;
}
/** Each entry as a descriptor file (see planCreate), in a temp dir post removes. */
async function writeDescriptors(step, entries) {
    // Created only now: a merge that fails before publishing leaves nothing behind, even without post.
    const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(step.ctx.tempDir, 'multiarch-merge-'));
    step.state.save('tempDir', tempDir);
    const files = [];
    for (const [i, e] of entries.entries()) {
        const file = (0,external_node_path_.join)(tempDir, `descriptor-${i}.json`);
        await (0,promises_.writeFile)(file, JSON.stringify(e.descriptor));
        files.push(file);
    }
    return files;
}
/**
 * Runs each plan: its copies (by digest, no tag), then its create, retrying transient failures; a failure
 * says where every tag of the plan points now.
 */
async function publish(step, buildx, plans) {
    for (const plan of plans) {
        const steps = [
            ...plan.copies.map((c) => ({ what: `copying ${c.from} into ${plan.repository}`, args: c.args })),
            { what: `publishing ${plan.repository}`, args: plan.args },
        ];
        for (const { what, args } of steps) {
            try {
                await (0,retry/* retry */.L5)(step.exec, step.log, { ...PUBLISH_RETRY, what }, () => buildx.run(args), (e) => (0,failures/* errorIsTransient */.pc)(e) || copyRace(e));
            }
            catch (e) {
                const where = await tagStates(buildx, plan.tags, e);
                throw new errors/* ActionError */.lZ('merge', `${what} failed: ${(0,failures/* registryReason */.sA)(e)}${where ? `; ${where}` : ''}`);
            }
        }
    }
}
/**
 * imagetools copying one manifest into another repository from two of its goroutines at once (one per tag)
 * can have the registry refuse one PUT by digest with 400: seen under load, passing on the next try. A PUT by
 * digest changes no tag, so the create is simply run again.
 */
const copyRace = (e) => /failed commit on ref "(manifest|index)-sha256:[0-9a-f]{64}": unexpected status from PUT request to \S+\/manifests\/sha256:[0-9a-f]{64}: 400\b/.test((0,exec/* fullErrorText */.TX)(e));
const shortDigest = (d) => d.slice(0, 19);
/**
 * After a failed publish, where each tag points. An index goes up in one request per tag, so a tag holds
 * either what it held before or the complete new index, never part of one; the message says which.
 */
async function tagStates(buildx, tags, failure) {
    const pushed = /pushing (sha256:[a-f0-9]{64}) to/.exec((0,exec/* fullErrorText */.TX)(failure))?.[1];
    const states = [];
    for (const tag of tags) {
        const argv = ['imagetools', 'inspect', '--raw', tag];
        const r = await buildx.run(argv, { echo: false, allowFailure: true }).catch(() => undefined);
        const name = `:${(0,refs/* parseReference */.F2)(tag)?.tag ?? tag}`;
        if (!r || r.code !== 0) {
            const missing = r && (0,failures/* isNotFound */.c4)(new exec/* ExecError */.cI(argv, r));
            states.push(`${name} ${missing ? 'does not exist' : 'could not be read'}`);
        }
        else if ((0,manifests/* sha256 */.sc)(r.stdout) === pushed)
            states.push(`${name} has the new index ${shortDigest(pushed)}`);
        else
            states.push(`${name} still has its previous ${shortDigest((0,manifests/* sha256 */.sc)(r.stdout))}`);
    }
    if (!states.length)
        return '';
    return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
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
/** `leg build (linux/arm64, attempt 2)`: how messages name a leg (matrix legs share their job id). */
const legLabel = (r) => `leg ${r.job || 'build'} (${r.platforms.join(', ')}, attempt ${r.runAttempt})`;
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
