export const id = 781;
export const ids = [781];
export const modules = {

/***/ 781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPlatforms: () => (/* binding */ buildPlatforms),
  cacheOutput: () => (/* binding */ cacheOutput),
  platformRows: () => (/* binding */ platformRows)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/exec/exec.ts + 1 modules
var exec = __webpack_require__(2568);
// EXTERNAL MODULE: ./src/exec/retry.ts
var retry = __webpack_require__(7195);
// EXTERNAL MODULE: ./src/registry/failures.ts
var failures = __webpack_require__(9280);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/buildx/builder.ts





const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
/** Unique per run, attempt and job, plus randomness: matrix legs on one host share run, attempt and job. */
function builderName(ctx, random = (0,external_node_crypto_.randomBytes)(4).toString('hex')) {
    const job = (ctx.job || 'local').replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 24);
    const run = ctx.runId === 'local' ? '0' : ctx.runId;
    return `multiarch-${run}-${ctx.runAttempt}-${job}-${random}`;
}
/**
 * The builder the inputs ask for: an existing one (`builder`), the engine's (`driver: docker`), or one this
 * run creates. `configFile` is the written buildkitd-config-inline. Pure.
 */
function planBuilder(inputs, ctx, configFile, random) {
    if (inputs.builder)
        return { name: inputs.builder, owned: false };
    // The engine's own builder is named after the docker context; naming it keeps a user's `buildx use` out.
    if (inputs.driver === 'docker')
        return { name: ctx.dockerContext ?? 'default', owned: false };
    const name = builderName(ctx, random);
    const create = ['create', '--name', name, '--driver', inputs.driver];
    for (const opt of inputs.driverOpts)
        create.push('--driver-opt', opt);
    if (inputs.driver === 'docker-container') {
        if (inputs.buildkitImage)
            create.push('--driver-opt', `image=${inputs.buildkitImage}`);
        create.push('--buildkitd-flags', inputs.buildkitdFlags);
    }
    const config = inputs.buildkitdConfig ?? configFile;
    if (config)
        create.push('--buildkitd-config', config);
    if (inputs.endpoint)
        create.push(inputs.endpoint);
    return { name, owned: true, create, bootstrap: ['inspect', '--bootstrap', name] };
}
/** `BuildKit version: v0.25.1` in `buildx inspect` output. */
function buildkitVersionOf(inspect) {
    return /BuildKit version:\s*v?(\d+\.\d+\.\d+)/i.exec(inspect)?.[1];
}
/**
 * Creates and starts the builder (when the plan owns one) and returns its handle. Throws ActionError (phase
 * builder) naming buildkit-image (or endpoint, for driver: remote) when BuildKit does not start.
 */
async function startBuilder(step, buildx, plan, inputs) {
    const builder = { name: plan.name, owned: plan.owned, env: { BUILDX_BUILDER: plan.name } };
    if (!plan.create || !plan.bootstrap)
        return builder;
    const { create, bootstrap } = plan;
    try {
        await buildx.run(create);
        const inspect = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 3, baseMs: 2000, what: 'starting the builder' }, () => buildx.run(bootstrap), failures/* errorIsTransient */.pc);
        const buildkitVersion = buildkitVersionOf(inspect.stdout);
        return buildkitVersion ? { ...builder, buildkitVersion } : builder;
    }
    catch (e) {
        const reason = (0,exec/* errorText */.kc)(e);
        if (inputs.driver === 'remote') {
            throw new errors/* ActionError */.lZ('builder', `could not reach BuildKit at ${inputs.endpoint} (${reason}); check endpoint`, 'endpoint');
        }
        const image = inputs.buildkitImage ?? DEFAULT_BUILDKIT_IMAGE;
        throw new errors/* ActionError */.lZ('builder', `could not start BuildKit from ${image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`, 'buildkit-image');
    }
}

// EXTERNAL MODULE: ./src/buildx/buildx.ts
var buildx_buildx = __webpack_require__(1826);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/buildx/engine.ts


/** The engine's unix socket when it can be known without asking the docker CLI. */
function engineSocket(ctx) {
    if (ctx.dockerContext)
        return undefined;
    const host = ctx.dockerHost;
    if (!host)
        return '/var/run/docker.sock';
    return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}
function getVersion(socketPath) {
    return new Promise((resolve, reject) => {
        const req = (0,external_node_http_.request)({ socketPath, path: '/version', timeout: 5000 }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c.toString()));
            res.on('end', () => {
                try {
                    resolve(JSON.parse(body));
                }
                catch {
                    reject(new Error(`unexpected answer from ${socketPath}: HTTP ${res.statusCode}`));
                }
            });
        });
        req.on('timeout', () => req.destroy(new Error(`no answer from ${socketPath} within 5 s`)));
        req.on('error', reject);
        req.end();
    });
}
/**
 * Asks the engine for its version and architecture (GOARCH): straight over the socket when it is a local one
 * (no process spawned), else through the docker CLI. Throws ActionError (phase engine) when no engine answers.
 */
async function probeEngine(ctx, exec) {
    const socket = engineSocket(ctx);
    try {
        if (socket) {
            const v = await getVersion(socket);
            return { arch: v.Arch, version: v.Version };
        }
        const { stdout } = await exec.run(['docker', 'version', '--format', '{{.Server.Arch}} {{.Server.Version}}'], { echo: false });
        const [arch = '', version = ''] = stdout.trim().split(' ');
        return { arch, version };
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('engine', `no Docker engine answered (${e.message.split('\n')[0]}); start dockerd or point DOCKER_HOST at a running engine`);
    }
}

// EXTERNAL MODULE: ./src/model/annotations.ts
var model_annotations = __webpack_require__(315);
// EXTERNAL MODULE: ./src/model/platforms.ts
var model_platforms = __webpack_require__(3065);
;// CONCATENATED MODULE: ./src/phases/build-errors.ts

/**
 * Finds the Dockerfile location buildx prints above a failed step (`Dockerfile:3` then a `>>>`-marked
 * excerpt) and the error it ends with.
 */
function dockerfileErrors(log) {
    const lines = log.split('\n');
    const errors = [];
    for (let i = 0; i < lines.length; i++) {
        const at = /^(\S*?):(\d+)$/.exec(lines[i]?.trim() ?? '');
        if (!at || !lines[i + 1]?.startsWith('-----'))
            continue;
        const end = lines.findIndex((l, j) => j > i + 1 && l.startsWith('-----'));
        const message = lines.slice(end + 1).find((l) => l.startsWith('ERROR:'));
        if (end < 0 || !message)
            continue;
        errors.push({
            file: at[1],
            line: Number(at[2]),
            message: message.replace(/^ERROR:\s*(failed to build: )?/, ''),
        });
    }
    return errors;
}
/** The path of the Dockerfile as the workflow's checkout sees it, for the annotation to land on the file. */
function workspacePath(context, file, workspace) {
    const path = file ?? (0,external_node_path_.join)(context, 'Dockerfile');
    const absolute = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(workspace, path);
    return (0,external_node_path_.relative)(workspace, absolute) || path;
}
/** Adds an error annotation on the Dockerfile line of each failure in a build's output. */
function annotateDockerfile(log, output, where) {
    const { workspace, context, file } = where;
    for (const e of dockerfileErrors(output)) {
        log.error(e.message, {
            title: 'Build failed',
            file: workspacePath(context, file, workspace),
            startLine: e.line,
        });
    }
}

;// CONCATENATED MODULE: ./src/phases/build.ts









/** CSV-quotes a key=value whose value has commas, as buildx's --output parser expects. */
const csvField = (field) => (field.includes(',') ? `"${field.replace(/"/g, '""')}"` : field);
function outputArgs(output, oci, load) {
    const ociAttr = oci ? ',oci-mediatypes=true' : '';
    const args = [];
    if (output.kind === 'digest') {
        const name = csvField(`name=${output.images.join(',')}`);
        args.push('--output', `type=image,${name},push-by-digest=true,name-canonical=true,push=true${ociAttr}`);
    }
    else if (output.kind === 'unpushed') {
        args.push('--output', `type=image,push=false${ociAttr}`);
    }
    else {
        for (const ref of output.refs)
            args.push('--tag', ref);
        if (output.push)
            args.push(...(oci ? ['--output', `type=image,push=true${ociAttr}`] : ['--push']));
    }
    if (load)
        args.push('--load');
    return args;
}
const pair = (kv) => `${kv.key}=${kv.value}`;
/** A secret by file or by environment variable name: never by value. */
const secret = (id, by, where) => `id=${id},${by}=${where}`;
/**
 * The whole `buildx build` argument list (after `buildx`). Secret values never appear in it: only ids, files
 * and env names.
 */
function buildArgs(inputs, spec) {
    const argv = ['build', '--progress', 'plain'];
    const add = (flag, values) => {
        for (const v of values)
            if (v !== undefined)
                argv.push(flag, v);
    };
    if (spec.platforms.length)
        add('--platform', [spec.platforms.map(model_platforms/* formatPlatform */.Bq).join(',')]);
    add('--file', [inputs.file]);
    add('--target', [inputs.target]);
    add('--build-arg', inputs.buildArgs.map(pair));
    add('--build-context', inputs.buildContexts.map(pair));
    add('--label', inputs.labels.map(pair));
    add('--annotation', spec.annotations.map(model_annotations/* formatAnnotation */.tn));
    add('--secret', [...spec.secretFiles].map(([id, file]) => secret(id, 'src', file)));
    add('--secret', inputs.secretFiles.map((kv) => secret(kv.key, 'src', kv.value)));
    add('--secret', inputs.secretEnvs.map((kv) => secret(kv.key, 'env', kv.value)));
    add('--ssh', inputs.ssh);
    if (inputs.noCache)
        argv.push('--no-cache');
    if (inputs.pull)
        argv.push('--pull');
    add('--network', [inputs.network]);
    add('--add-host', inputs.addHosts);
    add('--allow', inputs.allow);
    add('--shm-size', [inputs.shmSize]);
    add('--ulimit', inputs.ulimit);
    add('--provenance', [inputs.provenance]);
    add('--sbom', [inputs.sbom]);
    add('--cache-from', spec.cacheFrom);
    add('--cache-to', spec.cacheTo);
    argv.push(...outputArgs(spec.output, spec.oci, inputs.load));
    argv.push('--metadata-file', spec.metadataFile, inputs.context);
    return argv;
}
/** Writes each `secrets` value to its own 0600 file in the run's private temp dir; returns id → file. */
async function writeSecretFiles(inputs, tempDir) {
    const files = new Map();
    if (!inputs.secrets.length)
        return files;
    const dir = (0,external_node_path_.join)(tempDir, 'secrets');
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o700 });
    for (const { key, value } of inputs.secrets) {
        const file = (0,external_node_path_.join)(dir, key);
        await (0,promises_.writeFile)(file, value, { mode: 0o600 });
        await (0,promises_.chmod)(file, 0o600);
        files.set(key, file);
    }
    return files;
}
/** The build failed while pushing, for a reason that may pass (5xx, 429, timeouts, dropped connections). */
function pushFailedTransiently(e) {
    if (!(e instanceof exec/* ExecError */.cI))
        return false;
    const line = (0,exec/* lastLine */.fM)(e.result.stderr);
    return (/failed to push|pushing|push access|failed to copy|failed commit on ref/i.test(line) && (0,failures/* isTransient */.dg)(line));
}
/**
 * Runs the build (`args` from buildArgs) with `env` added to its environment and reads its metadata file.
 * Throws ActionError (phase build) with buildx's last error line; annotates the failing Dockerfile line.
 */
async function runBuild(step, buildx, inputs, args, metadataFile, env) {
    let stderr;
    try {
        // A push the registry refused for a while (after buildx's own retries) is worth one more build: every
        // layer is cached by then, so the retry costs little more than the push. Failed RUN steps are not retried.
        ({ stderr } = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 2, baseMs: 3000, what: 'pushing the build result' }, () => buildx.run(args, { env }), pushFailedTransiently));
    }
    catch (e) {
        const output = e instanceof exec/* ExecError */.cI ? e.result.stderr : '';
        annotateDockerfile(step.log, output, {
            workspace: step.ctx.workspace,
            context: inputs.context,
            file: inputs.file,
        });
        const reason = (0,exec/* lastLine */.fM)(output).replace(/^failed to build: /, '') || (0,exec/* errorOutput */.Wm)(e);
        throw new errors/* ActionError */.lZ('build', `docker buildx build failed: ${reason}`);
    }
    let metadata = {};
    try {
        metadata = JSON.parse(await (0,promises_.readFile)(metadataFile, 'utf8'));
    }
    catch {
        // no metadata file: a build with no output still succeeded
    }
    const digest = metadata['containerimage.digest'];
    const imageId = metadata['containerimage.config.digest'] ?? digest;
    return { digest, imageId, metadata, log: stderr };
}
/** The metadata output, without buildx's provenance blob (large, and not what users read it for). */
function publicMetadata(metadata) {
    const { ['buildx.build.provenance']: _provenance, ...rest } = metadata;
    return JSON.stringify(rest);
}

// EXTERNAL MODULE: ./src/runner/timeline.ts
var timeline = __webpack_require__(9971);
;// CONCATENATED MODULE: ./src/phases/build-timeline.ts


const time = (v) => {
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    return Number.isFinite(ms) ? ms : undefined;
};
/**
 * The vertices of buildx's rawjson progress (one SolveStatus JSON object per line; a vertex appears once
 * per update). Per vertex digest: its name, earliest start and latest completion. Lines that are not JSON
 * are skipped. Pure.
 */
function parseRawProgress(text) {
    const byDigest = new Map();
    for (const line of text.split('\n')) {
        if (!line.trimStart().startsWith('{'))
            continue;
        let status;
        try {
            status = JSON.parse(line);
        }
        catch {
            continue;
        }
        if (!Array.isArray(status.vertexes))
            continue;
        for (const raw of status.vertexes) {
            if (typeof raw?.digest !== 'string')
                continue;
            const v = byDigest.get(raw.digest) ?? { name: '' };
            if (typeof raw.name === 'string')
                v.name = raw.name;
            const started = time(raw.started);
            const completed = time(raw.completed);
            if (started !== undefined)
                v.started = Math.min(v.started ?? started, started);
            if (completed !== undefined)
                v.completed = Math.max(v.completed ?? completed, completed);
            byDigest.set(raw.digest, v);
        }
    }
    return [...byDigest.values()];
}
/**
 * Which bar a vertex belongs to: the platform in its `[linux/arm64 stage 2/3]` prefix (a single-platform
 * build names none: its numbered steps are that platform's), or the shared work it is (cache import,
 * export, cache export). Steps of a `FROM --platform=$BUILDPLATFORM` stage carry the build platform's name.
 */
function spanOf(name, platforms) {
    const prefix = /^\[([^\]]*)\]/.exec(name);
    if (prefix) {
        const words = prefix[1].split(/\s+/);
        const named = words.find((w) => platforms.includes(w));
        if (named)
            return named;
        const numbered = words.some((w) => /^\d+\/\d+$/.test(w));
        if (platforms.length === 1 && (numbered || /load metadata for/.test(name)))
            return platforms[0];
        return undefined;
    }
    if (/^importing cache\b/.test(name))
        return 'cache import';
    if (/^exporting cache\b/.test(name))
        return 'cache export';
    if (/^exporting\b/.test(name))
        return 'export';
    return undefined;
}
/**
 * One span per platform (first step's start to last step's end), in `platforms` order, then the shared
 * work in the order it started. Vertices that never started are left out. Pure.
 */
function recordSpans(vertices, platforms) {
    const spans = new Map();
    for (const v of vertices) {
        if (v.started === undefined)
            continue;
        const name = spanOf(v.name, platforms);
        if (!name)
            continue;
        const end = Math.max(v.completed ?? v.started, v.started);
        const span = spans.get(name);
        if (!span)
            spans.set(name, { name, start: v.started, end });
        else {
            span.start = Math.min(span.start, v.started);
            span.end = Math.max(span.end, end);
        }
    }
    const own = platforms.flatMap((p) => spans.get(p) ?? []);
    const shared = [...spans.values()]
        .filter((s) => !platforms.includes(s.name))
        .sort((a, b) => a.start - b.start);
    return [...own, ...shared];
}
/** How long reading the build record may take, in milliseconds. */
const RECORD_TIMEOUT_MS = 15_000;
/**
 * Reads the build record `ref` (the metadata file's `buildx.build.ref`: builder/node/id) and returns its
 * spans for `platforms`, or why there are none. Never throws: the timeline is a picture, not a result.
 */
async function readBuildRecord(buildx, ref, platforms, env) {
    const parts = typeof ref === 'string' ? ref.split('/') : [];
    const [builder, id] = [parts[0], parts.at(-1)];
    if (parts.length < 2 || !builder || !id)
        return { reason: 'buildx reported no build record' };
    try {
        const args = ['history', 'logs', '--builder', builder, '--progress', 'rawjson', id];
        // History came with buildx 0.20, behind the experimental switch at first.
        const out = await buildx.run(args, {
            env: { ...env, BUILDX_EXPERIMENTAL: '1' },
            echo: false,
            // A picture is not worth waiting on a builder that stopped answering.
            timeoutMs: RECORD_TIMEOUT_MS,
        });
        // Progress goes to stderr, as a build's does.
        const spans = recordSpans(parseRawProgress(`${out.stderr}\n${out.stdout}`), platforms);
        return spans.length ? { spans } : { reason: 'the build record holds no timed steps' };
    }
    catch (e) {
        return { reason: `buildx history logs: ${(0,exec/* errorText */.kc)(e)}` };
    }
}
/**
 * The summary's build bars for the record `ref`, on the clock of `phases` (aligned to its last `build`
 * phase), or why there are none. Never throws.
 */
async function buildBars(buildx, ref, platforms, env, phases) {
    const record = await readBuildRecord(buildx, ref, platforms, env);
    if ('reason' in record)
        return { missing: record.reason };
    const build = phases.times.findLast((t) => t.phase === 'build');
    return { builds: (0,timeline/* alignSpans */.Bl)(record.spans, phases.startedAt, build) };
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
// EXTERNAL MODULE: ./src/registry/refs.ts
var refs = __webpack_require__(377);
// EXTERNAL MODULE: ./src/registry/tags.ts
var tags = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/phases/cache.ts






/** buildx and BuildKit releases that speak the GitHub cache service v2 (the only one since April 2025). */
const GHA_MIN_BUILDX = '0.21.0';
const GHA_MIN_BUILDKIT = '0.20.0';
/** Legs and the single job each get their own scope, so they never evict one another. */
function cacheScope(images, target, platforms, leg) {
    const image = ((0,refs/* parseReference */.F2)(images[0] ?? '')?.repository ?? 'image').split('/').slice(-2).join('-');
    const parts = [image, target ?? '', platforms.map(model_platforms/* platformSlug */.DN).join('.'), leg ? 'leg' : 'all'];
    const scope = parts.filter(Boolean).join('_');
    if (scope.length <= 100)
        return scope;
    return `${scope.slice(0, 80)}_${(0,external_node_crypto_.createHash)('sha256').update(scope).digest('hex').slice(0, 16)}`;
}
/** auto: write on pushes, tags, schedules and manual runs; read-only on pull requests (no PR evicts main). */
function cacheWrites(policy, eventName) {
    if (policy !== 'auto')
        return policy === 'always';
    return !/^pull_request/.test(eventName ?? '');
}
/** `version` (any text holding x.y.z) is `min` or later; an unreadable version (a dev build) passes. */
function versionAtLeast(version, min) {
    const found = (0,semver.coerce)(version);
    return found === null || (0,semver.gte)(found, min);
}
/** The layer cache a build uses: backend, scope and the --cache-from/--cache-to values. Pure. */
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
    const images = inputs.images.length ? inputs.images : (0,tags/* repositoriesOf */.U)((0,tags/* resolveTags */.y)([], inputs.tags));
    const scope = cacheScope(images, inputs.target, platforms, inputs.mode === 'build');
    let backend = inputs.cache;
    let notice;
    if (backend === 'auto') {
        if (ctx.cacheService && ctx.driver !== 'docker')
            backend = 'gha';
        else {
            backend = 'off';
            notice = ctx.cacheService
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
            const src = (0,external_node_path_.join)(ctx.tempDir, scope);
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

// EXTERNAL MODULE: ./src/phases/handoff.ts
var phases_handoff = __webpack_require__(3102);
// EXTERNAL MODULE: ./src/phases/fingerprint.ts
var phases_fingerprint = __webpack_require__(5036);
// EXTERNAL MODULE: ./src/phases/handoff-store.ts
var handoff_store = __webpack_require__(1654);
;// CONCATENATED MODULE: ./src/phases/handoff-leg.ts
// After a leg's build: write its record where the merge job finds it (an Actions cache entry per platform, or
// a handoff tag per platform), and make sure it is there and is this leg's — or fail, naming the fix.







/** Writing a handoff tag: the same patience as publishing an index. */
const HANDOFF_RETRY = { attempts: 4, baseMs: 1000 };
/** The handoff tags a leg of this run writes, one per platform, all in the first image's repository. */
function legHandoffTags(step, inputs, platforms) {
    const { fingerprint } = (0,phases_fingerprint/* buildConfig */.fD)(inputs, step.ctx.workspace, step.ctx.runId);
    const repository = inputs.images[0];
    return platforms.map((p) => `${repository}:${(0,phases_handoff/* handoffTag */.RL)(step.ctx.runId, inputs.variant, p, fingerprint)}`);
}
/**
 * What the handoff tags hold before this leg writes them (read before the build: the docker driver pushes
 * the build to them). Throws ActionError (phase handoff) when the registry cannot say.
 */
async function readHandoffTags(registry, refs) {
    const out = new Map();
    for (const ref of refs) {
        try {
            const found = await registry.lookup(ref);
            out.set(ref, found && (0,phases_handoff/* recordOf */.zv)(found.manifest));
        }
        catch (e) {
            throw new errors/* ActionError */.lZ('handoff', `cannot read the handoff tag ${ref}: ${(0,failures/* registryReason */.sA)(e)}`);
        }
    }
    return out;
}
/**
 * Before a leg's build, what its handoff tags hold (tags handoff, when it pushes; else undefined): the docker
 * driver pushes the build to the tags themselves, hiding what was there.
 */
async function handoffTagsBefore(step, registry, inputs, platforms) {
    const mode = (0,phases_handoff/* resolveHandoff */.nK)(inputs.handoff, step.ctx.cacheService, inputs.driver);
    if (mode !== 'tags' || !inputs.push || inputs.mode !== 'build')
        return undefined;
    return readHandoffTags(registry, legHandoffTags(step, inputs, platforms));
}
function clash(where, platform, mine, other, configDiffers) {
    const images = mine.images.join(', ');
    if (configDiffers) {
        const inputs = (0,phases_fingerprint/* differingInputs */.cG)(mine.config, other.config);
        return new errors/* ActionError */.lZ('handoff', `${where} already holds ${(0,phases_handoff/* legLabel */.Nj)(other)}, built from another configuration (differing in ${inputs.join(', ') || 'its inputs'}) — legs of two variants of ${images} share the name; give each variant's legs and its merge their own variant (e.g. variant: slim) — nothing was handed off`, 'variant');
    }
    return new errors/* ActionError */.lZ('handoff', `${where} already holds ${(0,phases_handoff/* legLabel */.Nj)(other)} with another digest (${other.digest.slice(0, 19)}) for the same configuration — two legs of this run build ${platform}; build each platform once per variant, or give the other leg its own variant — nothing was handed off`, 'variant');
}
async function saveToCache(store, record, platforms, step) {
    const refs = [];
    for (const p of platforms) {
        const key = (0,phases_handoff/* handoffKey */.Sm)(record.images, record.variant, p, step.ctx);
        let stored;
        try {
            stored = await store.save(key, record);
        }
        catch (e) {
            throw new errors/* ActionError */.lZ('handoff', `could not save ${key} to the Actions cache (${e.message}); re-run the leg, or set handoff: tags to hand off through the registry — nothing was handed off`, 'handoff');
        }
        if (!stored) {
            // The cache did not store it: either another leg holds the key, or the service failed. Read back to know.
            const existing = await store.load(key).catch(() => undefined);
            const found = (0,phases_handoff/* compareExisting */.xE)(record, existing);
            if (found.kind === 'clash')
                throw clash(`the Actions cache key ${key}`, (0,model_platforms/* formatPlatform */.Bq)(p), record, found.other, found.configDiffers);
            if (found.kind === 'none')
                throw new errors/* ActionError */.lZ('handoff', `the Actions cache did not store ${key} and holds nothing under it (the cache logged why above, e.g. the service is unreachable); re-run the leg, or set handoff: tags to hand off through the registry — nothing was handed off`, 'handoff');
            step.log.info(`${key} already holds this leg's record (the same digest): kept`);
        }
        refs.push(`cache:${key}`);
    }
    return refs;
}
async function writeTags(step, registry, record, refs, previous) {
    for (const [i, ref] of refs.entries()) {
        const found = (0,phases_handoff/* compareExisting */.xE)(record, previous.get(ref));
        if (found.kind === 'clash')
            throw clash(`the handoff tag ${ref}`, record.platforms[i] ?? '', record, found.other, found.configDiffers);
    }
    const repository = record.images[0];
    const args = ['imagetools', 'create', '--progress', 'plain'];
    args.push('--annotation', `index:${phases_handoff/* HANDOFF_ANNOTATION */.B7}=${JSON.stringify(record)}`);
    for (const ref of refs)
        args.push('--tag', ref);
    args.push(`${repository}@${record.digest}`);
    try {
        await (0,retry/* retry */.L5)(step.exec, step.log, { ...HANDOFF_RETRY, what: `writing the handoff tag${refs.length > 1 ? 's' : ''}` }, () => registry.buildx.run(args, { env: registry.env }), failures/* errorIsTransient */.pc);
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('handoff', `could not write the handoff tag ${refs.join(', ')}: ${(0,failures/* registryReason */.sA)(e)}`);
    }
    // Read back: another leg writing the same tag at the same moment would have replaced this record.
    const now = await readHandoffTags(registry, refs);
    for (const [i, ref] of refs.entries()) {
        const there = now.get(ref);
        if (there?.digest === record.digest && there.runAttempt === record.runAttempt)
            continue;
        if (there)
            throw clash(`the handoff tag ${ref}`, record.platforms[i] ?? '', record, there, there.config.fingerprint !== record.config.fingerprint);
        throw new errors/* ActionError */.lZ('handoff', `the handoff tag ${ref} does not hold this leg's record after writing it`);
    }
}
/**
 * After a leg's build: records where each of its platforms can be found by the merge job. `previous` is what
 * the handoff tags held before the build (readHandoffTags; tags mode only). `store` replaces the Actions cache.
 * A leg with push: false hands off a build-only record through the cache (for a dry-run merge), nothing
 * through tags. Throws ActionError (phase handoff) when the record cannot be written or another leg's
 * record holds its name.
 */
async function recordLeg(step, registry, inputs, build, previous = new Map(), store = (0,handoff_store/* actionsCacheStore */.$)(step.ctx.workspace)) {
    const { ctx } = step;
    const mode = (0,phases_handoff/* resolveHandoff */.nK)(inputs.handoff, ctx.cacheService, inputs.driver);
    if (!build.digest)
        throw new errors/* ActionError */.lZ('handoff', 'the build reported no digest; nothing to hand to the merge job');
    const record = {
        version: 2,
        images: inputs.images,
        variant: inputs.variant,
        platforms: build.platforms.map(model_platforms/* formatPlatform */.Bq),
        emulated: build.emulated.map(model_platforms/* formatPlatform */.Bq),
        digest: build.digest,
        pushed: build.pushed,
        runId: ctx.runId,
        runAttempt: ctx.runAttempt,
        job: ctx.job,
        config: (0,phases_fingerprint/* buildConfig */.fD)(inputs, ctx.workspace, ctx.runId),
    };
    if (mode === 'cache')
        return { mode, refs: await saveToCache(store, record, build.platforms, step) };
    if (!build.pushed)
        return { mode, refs: [] };
    const refs = legHandoffTags(step, inputs, build.platforms);
    await writeTags(step, registry, record, refs, previous);
    return { mode, refs };
}
/** The leg's log line, `handoff` output and summary facts. */
function reportHandoff(step, inputs, digest, handoff, summary) {
    const refs = handoff.refs.map((l) => `<code>${l}</code>`).join(', ');
    if (inputs.push)
        step.log.info(`Handed off ${digest} as ${handoff.refs.join(', ')}`);
    else
        step.log.info(`push: false: built ${digest}, pushed nothing${handoff.refs.length ? `; a build-only record for a dry-run merge: ${handoff.refs.join(', ')}` : '; nothing handed off'}`);
    step.outputs.set('handoff', handoff.refs.join('\n'));
    const what = inputs.push
        ? `${handoff.mode}: ${refs}`
        : `none (push: false)${refs ? `; build-only record ${refs}` : ''}`;
    summary.facts.push(['Handoff', what]);
    if (inputs.variant)
        summary.facts.push(['Variant', `<code>${inputs.variant}</code>`]);
}

;// CONCATENATED MODULE: ./src/phases/local-cache.ts


const keyPrefix = (scope) => `multiarch-layers-${scope}-`;
async function indexHash(dir) {
    try {
        return (0,external_node_crypto_.createHash)('sha256')
            .update(await (0,promises_.readFile)(`${dir}/index.json`))
            .digest('hex')
            .slice(0, 16);
    }
    catch {
        return undefined;
    }
}
/**
 * Restores the newest saved local layer cache of this scope from the Actions cache; returns a hash of what was
 * restored (undefined when nothing was). A cache failure never fails the build: it warns.
 */
async function restoreLocalCache(step, plan) {
    if (!plan.localDirs || !plan.scope)
        return undefined;
    if (!step.ctx.cacheService) {
        step.log.notice('cache: local without the Actions cache service lasts only this job; set cache: registry to keep layers between runs');
        return undefined;
    }
    try {
        const cache = await __webpack_require__.e(/* import() */ 131).then(__webpack_require__.bind(__webpack_require__, 7131));
        const hit = await cache.restoreCache([plan.localDirs.src], `${keyPrefix(plan.scope)}latest`, [
            keyPrefix(plan.scope),
        ]);
        if (hit)
            step.log.info(`Restored layer cache ${hit}`);
        return indexHash(plan.localDirs.src);
    }
    catch (e) {
        step.log.warning(`cache: restoring the local layer cache failed (${e.message}); building without it`);
        return undefined;
    }
}
/**
 * Moves the exported cache where the next build reads it and saves it to the Actions cache under a
 * content-hash key, only when it differs from what was restored. Warns instead of failing.
 */
async function saveLocalCache(step, plan, restoredHash) {
    const available = step.ctx.cacheService;
    if (!plan.localDirs || !plan.scope || !plan.write)
        return;
    const { src, dest } = plan.localDirs;
    const hash = await indexHash(dest);
    if (!hash)
        return;
    await (0,promises_.rm)(src, { recursive: true, force: true });
    await (0,promises_.rename)(dest, src);
    if (!available || hash === restoredHash) {
        if (hash === restoredHash)
            step.log.info('Layer cache unchanged: not saved again');
        return;
    }
    try {
        const cache = await __webpack_require__.e(/* import() */ 131).then(__webpack_require__.bind(__webpack_require__, 7131));
        await cache.saveCache([src], `${keyPrefix(plan.scope)}${hash}`);
    }
    catch (e) {
        step.log.warning(`cache: saving the local layer cache failed (${e.message}); the build itself succeeded`);
    }
}

// EXTERNAL MODULE: ./src/phases/qemu.ts
var qemu = __webpack_require__(3490);
// EXTERNAL MODULE: ./src/phases/verify.ts
var verify = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/registry/client.ts
var client = __webpack_require__(2440);
// EXTERNAL MODULE: ./src/registry/manifests.ts
var manifests = __webpack_require__(1);
;// CONCATENATED MODULE: ./src/modes/build.ts
// mode: all and mode: build — QEMU → buildx → builder → cache → build → verify → outputs (→ handoff for a leg).


















/**
 * Builds every platform of mode all (published under tags) or of a matrix leg (pushed by digest or
 * per-platform tags, then handed off); fills `summary` and the step's outputs. `store` replaces the Actions
 * cache for a leg's handoff records. Throws ActionError.
 */
async function buildPlatforms(step, inputs, phases, summary, store) {
    const { ctx, outputs } = step;
    const needsEngine = inputs.driver !== 'remote' || inputs.qemu === 'image';
    const host = (needsEngine ? (await probeEngine(ctx, step.exec)).arch : '') || (0,model_platforms/* hostArch */.LY)(ctx.arch);
    const platforms = inputs.platforms.length ? inputs.platforms : [(0,model_platforms/* parsePlatform */.FL)(`linux/${host}`)];
    const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(ctx.tempDir, 'multiarch-build-'));
    step.state.save('tempDir', tempDir);
    // QEMU first: a local check, and it needs only the docker CLI; buildx may have to be downloaded.
    const qemu = await phases.run('qemu', 'QEMU emulation', () => setUpQemu(step, inputs, platforms, host));
    const emulated = platforms.filter((p) => p.os === 'linux' && qemu.needed.includes((0,model_platforms/* qemuArch */.TT)(p)));
    outputs.set('qemu-platforms', emulated.map(model_platforms/* formatPlatform */.Bq).join(','));
    const buildx = await (0,buildx_buildx/* setUpBuildx */.ar)(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
    // Before the builder exists: post must remove it with the buildx that created it.
    step.state.save('buildx', buildx.binary ?? '');
    const builder = await phases.run('builder', 'Builder', () => setUpBuilder(step, buildx, inputs, tempDir));
    outputs.set('builder', builder.name);
    const env = {
        ...builder.env,
        // The provenance blob in the metadata file costs time and is not what the metadata output is read for.
        BUILDX_METADATA_PROVENANCE: ctx.env.BUILDX_METADATA_PROVENANCE ?? 'disabled',
    };
    const cache = await layerCache(step, buildx, inputs, platforms, env, builder);
    const restoredCache = cache.backend === 'local' ? await restoreLocalCache(step, cache) : undefined;
    const target = publishTarget(step, inputs, platforms);
    const registry = new client/* Registry */.O(step, buildx, env);
    const previous = await handoffTagsBefore(step, registry, inputs, platforms);
    const title = `Building ${platforms.map(model_platforms/* formatPlatform */.Bq).join(', ')}`;
    const result = await phases.run('build', title, async () => {
        const metadataFile = (0,external_node_path_.join)(tempDir, 'metadata.json');
        const spec = {
            platforms,
            output: target.output,
            // A leg is always OCI: the merge may annotate its index, which Docker media types would silently drop.
            oci: inputs.mode === 'build' || target.annotations.some(model_annotations/* isIndexLevel */.Ls),
            annotations: target.annotations,
            cacheFrom: cache.from,
            cacheTo: cache.to,
            metadataFile,
            secretFiles: await writeSecretFiles(inputs, tempDir),
        };
        return runBuild(step, buildx, inputs, buildArgs(inputs, spec), metadataFile, env);
    });
    if (cache.backend === 'local')
        await saveLocalCache(step, cache, restoredCache);
    // The build record is read while the registry is: two independent reads, neither waiting on the other.
    const bars = inputs.summary
        ? buildBars(buildx, result.metadata['buildx.build.ref'], platforms.map(model_platforms/* formatPlatform */.Bq), env, phases)
        : undefined;
    const published = await build_verify(step, registry, inputs, platforms, target, result, phases);
    if (bars) {
        const { builds, missing } = await bars;
        summary.builds = builds;
        summary.buildsMissing = missing;
    }
    const rows = platformRows(platforms, emulated, result, published);
    report(step, inputs, platforms, target, result, summary);
    outputs.set('cache', cacheOutput(cache, rows));
    summary.rows = rows;
    summary.facts.push(['Builder', `${builder.name} (${inputs.builder ? 'existing' : inputs.driver})`]);
    summary.facts.push(['QEMU', describeQemu(qemu)]);
    summary.facts.push(['Cache', describeCache(cache)]);
    if (inputs.mode === 'build') {
        const leg = { platforms, emulated, digest: result.digest, pushed: inputs.push };
        const handoff = await phases.run('handoff', 'Handing the leg to the merge job', () => recordLeg(step, registry, inputs, leg, previous, store));
        reportHandoff(step, inputs, result.digest, handoff, summary);
    }
}
async function setUpQemu(step, inputs, platforms, host) {
    // A remote BuildKit runs elsewhere: this host's emulators are not what it uses.
    const needed = inputs.driver === 'remote' ? [] : (0,model_platforms/* emulationNeeded */.mh)(platforms, host);
    const result = await (0,qemu/* ensureQemu */.Fr)(step, inputs.qemu, inputs.qemuImage, platforms, needed);
    if (result.registered.length && inputs.qemuCleanup)
        step.state.save('qemuRegistered', result.registered.join(','));
    step.log.info(describeQemu(result));
    return result;
}
async function setUpBuilder(step, buildx, inputs, tempDir) {
    let configFile;
    if (inputs.buildkitdConfigInline) {
        configFile = (0,external_node_path_.join)(tempDir, 'buildkitd.toml');
        await (0,promises_.writeFile)(configFile, inputs.buildkitdConfigInline, { mode: 0o600 });
    }
    const plan = planBuilder(inputs, step.ctx, configFile);
    // Saved before it exists: a cancelled or failed create still gets removed by post.
    if (plan.owned && inputs.cleanup)
        step.state.save('builder', plan.name);
    const builder = await startBuilder(step, buildx, plan, inputs);
    step.log.info(plan.owned ? `Created builder ${plan.name} (${inputs.driver})` : `Using builder ${plan.name}`);
    return builder;
}
async function layerCache(step, buildx, inputs, platforms, env, builder) {
    const context = {
        eventName: step.ctx.eventName,
        cacheService: step.ctx.cacheService,
        driver: inputs.driver,
        tempDir: (0,external_node_path_.join)(step.ctx.tempDir, 'multiarch-layer-cache'),
    };
    let cache = planCache(inputs, platforms, context);
    if (cache.backend === 'gha') {
        // Only the gha backend depends on versions, so only then is buildx asked for its own.
        const version = await buildx.run(['version'], { echo: false, allowFailure: true, env });
        const buildxVersion = /v?(\d+\.\d+\.\d+)/.exec(version.stdout)?.[1];
        cache = planCache(inputs, platforms, {
            ...context,
            buildxVersion,
            buildkitVersion: builder.buildkitVersion,
        });
    }
    if (cache.notice)
        step.log.notice(cache.notice);
    return cache;
}
function publishTarget(step, inputs, platforms) {
    if (inputs.mode !== 'build') {
        const refs = (0,tags/* resolveTags */.y)(inputs.images, inputs.tags);
        return { output: { kind: 'tags', refs, push: inputs.push }, refs, annotations: inputs.annotations };
    }
    // A leg's index annotations belong to the merged index, which the merge job writes.
    const annotations = inputs.annotations.filter((a) => !(0,model_annotations/* isIndexLevel */.Ls)(a));
    const handoff = (0,phases_handoff/* resolveHandoff */.nK)(inputs.handoff, step.ctx.cacheService, inputs.driver);
    if (!inputs.push)
        return { output: { kind: 'unpushed' }, refs: [], annotations, handoff };
    // The docker driver cannot push by digest: it pushes to the handoff tags, which then get the record.
    if (handoff === 'tags' && inputs.driver === 'docker') {
        const refs = legHandoffTags(step, inputs, platforms);
        return { output: { kind: 'tags', refs, push: true }, refs, annotations, handoff };
    }
    return { output: { kind: 'digest', images: inputs.images }, refs: [], annotations, handoff };
}
async function build_verify(step, registry, inputs, platforms, target, result, phases) {
    const byDigest = target.output.kind === 'digest';
    const refs = byDigest ? inputs.images.map((i) => `${i}@${result.digest}`) : inputs.push ? target.refs : [];
    if (!refs.length)
        return undefined;
    const names = platforms.map(model_platforms/* formatPlatform */.Bq);
    return phases.run('verify', 'Verifying the registry', async () => {
        const found = await (0,verify/* verifyPublished */.u)(registry, {
            refs,
            digest: result.digest,
            platforms: names,
            indexAnnotations: (0,model_annotations/* indexAnnotations */.nM)(target.annotations),
        });
        step.log.info(`${refs.join(', ')}: ${result.digest} with ${names.join(', ')}`);
        return found[0];
    });
}
/** One row per platform: what the registry holds for it, whether it was emulated, what the cache did. */
function platformRows(platforms, emulated, result, published) {
    const names = platforms.map(model_platforms/* formatPlatform */.Bq);
    const digests = new Map((published?.manifest.manifests ?? [])
        .filter((d) => !(0,manifests/* isAttestation */.H3)(d))
        .map((d) => [(0,manifests/* descriptorPlatform */.fA)(d), d.digest]));
    const stats = cacheStats(result.log, names);
    const foreign = new Set(emulated.map(model_platforms/* formatPlatform */.Bq));
    return names.map((name) => ({
        platform: name,
        digest: digests.get(name),
        emulated: foreign.has(name),
        ...stats.get(name),
    }));
}
/** The `cache` output: backend, scope, write, and per platform the build steps cached and run. */
function cacheOutput(cache, rows) {
    const steps = Object.fromEntries(rows.map((r) => [r.platform, { cached: r.cached ?? 0, executed: r.executed ?? 0 }]));
    return JSON.stringify({ backend: cache.backend, scope: cache.scope ?? '', write: cache.write, steps });
}
function report(step, inputs, platforms, target, result, summary) {
    const { outputs } = step;
    outputs.set('digest', result.digest ?? '');
    outputs.set('imageid', result.imageId ?? '');
    outputs.set('metadata', publicMetadata(result.metadata));
    outputs.set('platforms', platforms.map(model_platforms/* formatPlatform */.Bq).join(','));
    // A leg publishes no tag: its handoff tags are in the handoff output.
    const published = inputs.mode === 'build' || !inputs.push ? [] : target.refs;
    outputs.set('tags', published.join('\n'));
    summary.digest = result.digest;
    summary.tags = published;
    summary.annotations = target.annotations.map(model_annotations/* formatAnnotation */.tn);
}
function describeQemu(q) {
    if (q.method === 'off')
        return q.needed.length ? `off (emulation needed for ${q.needed.join(', ')})` : 'off';
    if (q.method === 'none')
        return 'not needed (every platform is native here)';
    if (q.method === 'present')
        return `already registered: ${q.needed.join(', ')}`;
    return `registered ${q.registered.join(', ')} (${q.method === 'host' ? 'host qemu-user-static' : 'binfmt image'})`;
}
function describeCache(cache) {
    if (cache.backend === 'off')
        return 'off';
    return `${cache.backend}${cache.scope ? ` (${cache.scope})` : ''}${cache.write ? '' : ', read-only'}`;
}


/***/ }),

/***/ 3490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ removeHandlers),
/* harmony export */   Fr: () => (/* binding */ ensureQemu)
/* harmony export */ });
/* unused harmony exports BINFMT_DIR, DEBIAN_BINFMTS, BINFMT_D, parseHandler, parseDebianBinfmt, registerLine, handlerState, binfmtImageArgs, parseBinfmtConf */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _exec_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7195);
/* harmony import */ var _model_platforms_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3065);
/* harmony import */ var _registry_failures_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9280);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);





const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
const DEBIAN_BINFMTS = '/usr/share/binfmts';
const BINFMT_D = '/usr/lib/binfmt.d';
/** Parses /proc/sys/fs/binfmt_misc/<name>: `enabled`, `interpreter …`, `flags: …`, `offset`, `magic`, `mask`. */
function parseHandler(text) {
    const lines = text.split('\n');
    const field = (prefix) => lines
        .find((l) => l.startsWith(prefix))
        ?.slice(prefix.length)
        .trim() ?? '';
    return {
        enabled: lines[0]?.trim() === 'enabled',
        interpreter: field('interpreter '),
        flags: field('flags:'),
    };
}
/** Parses a Debian/Ubuntu /usr/share/binfmts/qemu-<arch> file (shipped by qemu-user-static). */
function parseDebianBinfmt(text) {
    const fields = new Map(text
        .split('\n')
        .map((l) => l.trim().split(/\s+(.*)/, 2))
        .map(([k, v]) => [k, v ?? '']));
    const interpreter = fields.get('interpreter') ?? '';
    const magic = fields.get('magic') ?? '';
    if (!interpreter || !magic)
        throw new Error('no interpreter or magic line');
    return {
        interpreter,
        magic,
        mask: fields.get('mask') ?? '',
        offset: fields.get('offset') || '0',
        credentials: fields.get('credentials') === 'yes',
        preserve: fields.get('preserve') === 'yes',
    };
}
/**
 * The line written to binfmt_misc/register. F (open the interpreter now) is what makes the handler work
 * inside build containers, whose root has no /usr/bin/qemu-*. P only where Debian's binary expects it.
 */
function registerLine(arch, def) {
    const flags = `F${def.preserve ? 'P' : ''}${def.credentials ? 'C' : ''}`;
    return `:qemu-${arch}:M:${def.offset}:${def.magic}:${def.mask}:${def.interpreter}:${flags}`;
}
function handlerState(handler) {
    if (!handler)
        return 'missing';
    if (!handler.enabled)
        return 'disabled';
    return handler.flags.includes('F') ? 'ready' : 'no-fix-binary';
}
/** GOARCH names the binfmt image's --install takes, for the qemu arches to install. */
function binfmtImageArgs(image, platforms, arches) {
    const goarches = [
        ...new Set(platforms.filter((p) => arches.includes((0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_2__/* .qemuArch */ .TT)(p))).map((p) => p.arch)),
    ].sort();
    return ['docker', 'run', '--rm', '--privileged', image, '--install', goarches.join(',')];
}
const asRoot = (step, argv) => (step.ctx.root ? argv : ['sudo', '-n', ...argv]);
async function readHandler(arch) {
    try {
        return parseHandler(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(`${BINFMT_DIR}/qemu-${arch}`, 'utf8'));
    }
    catch {
        return undefined;
    }
}
async function writeProc(step, path, line) {
    if (step.ctx.root)
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, line);
    await step.exec.run(asRoot(step, ['tee', path]), { input: line, echo: false });
}
async function mountBinfmt(step) {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(`${BINFMT_DIR}/register`);
        return;
    }
    catch {
        // not mounted yet
    }
    try {
        await step.exec.run(asRoot(step, ['mount', '-t', 'binfmt_misc', 'binfmt_misc', BINFMT_DIR]), {
            echo: false,
        });
    }
    catch (e) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('qemu', `${BINFMT_DIR} is not mounted and mounting it failed (${e.message}); run on a host where root can mount binfmt_misc, or set qemu: off and build only native platforms`, 'qemu');
    }
}
/**
 * Parses a systemd binfmt.d line, as newer Debian/Ubuntu qemu-user packages ship them
 * (/usr/lib/binfmt.d/qemu-<arch>.conf): `:name:M:offset:magic:mask:interpreter:flags`.
 */
function parseBinfmtConf(text) {
    const line = text.split('\n').find((l) => l.startsWith(':'));
    const fields = line?.split(':') ?? [];
    const [, , type, offset, magic, mask, interpreter, flags = ''] = fields;
    if (type !== 'M' || !magic || !interpreter)
        throw new Error('no magic-type register line');
    return {
        interpreter,
        magic,
        mask: mask ?? '',
        offset: offset || '0',
        credentials: flags.includes('C'),
        preserve: flags.includes('P'),
    };
}
/** Where distributions describe their qemu-user-static handlers, each with its parser. */
const HOST_SOURCES = [
    [(arch) => `${DEBIAN_BINFMTS}/qemu-${arch}`, parseDebianBinfmt],
    [(arch) => `${BINFMT_D}/qemu-${arch}-static.conf`, parseBinfmtConf],
    [(arch) => `${BINFMT_D}/qemu-${arch}.conf`, parseBinfmtConf],
];
async function hostDefinition(arch) {
    for (const [path, parse] of HOST_SOURCES) {
        try {
            const def = parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path(arch), 'utf8'));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(def.interpreter);
            return def;
        }
        catch {
            // not this one
        }
    }
    return undefined;
}
async function hostDefinitions(arches) {
    const defs = new Map();
    for (const arch of arches) {
        const def = await hostDefinition(arch);
        if (!def)
            return `no qemu-${arch} from qemu-user-static (${DEBIAN_BINFMTS}/qemu-${arch} or ${BINFMT_D}/qemu-${arch}*.conf, and its interpreter)`;
        defs.set(arch, def);
    }
    return defs;
}
/**
 * Makes sure every foreign platform has a usable handler: reads binfmt_misc, leaves ready handlers alone,
 * registers only the missing ones from host binaries or the binfmt image. `needed` are qemu arch names.
 * Returns what was needed and what this run registered. Throws ActionError (phase qemu) naming qemu or
 * qemu-image when a handler cannot be made to work.
 */
async function ensureQemu(step, mode, image, platforms, needed) {
    if (mode === 'off')
        return { needed, registered: [], method: 'off' };
    if (needed.length === 0)
        return { needed, registered: [], method: 'none' };
    await mountBinfmt(step);
    const states = new Map();
    for (const arch of needed)
        states.set(arch, handlerState(await readHandler(arch)));
    for (const [arch, state] of states) {
        if (state === 'disabled' || state === 'no-fix-binary') {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('qemu', `a qemu-${arch} handler is already registered but ${state === 'disabled' ? 'disabled' : 'without the F flag, so build containers cannot see its interpreter'}; remove it (echo -1 > ${BINFMT_DIR}/qemu-${arch}) so this action can register a working one, or set qemu: off`, 'qemu');
        }
    }
    const missing = needed.filter((a) => states.get(a) === 'missing');
    if (missing.length === 0)
        return { needed, registered: [], method: 'present' };
    const defs = mode === 'image' ? 'qemu: image' : await hostDefinitions(missing);
    if (typeof defs !== 'string') {
        for (const arch of missing)
            await writeProc(step, `${BINFMT_DIR}/register`, registerLine(arch, defs.get(arch)));
        return { needed, registered: missing, method: 'host' };
    }
    if (mode === 'host') {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('qemu', `qemu: host needs Debian/Ubuntu qemu-user-static: ${defs}; install it or set qemu: image`, 'qemu');
    }
    try {
        await (0,_exec_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(step.exec, step.log, { attempts: 3, baseMs: 2000, what: `pulling ${image}` }, () => step.exec.run(binfmtImageArgs(image, platforms, missing)), _registry_failures_js__WEBPACK_IMPORTED_MODULE_3__/* .errorIsTransient */ .pc);
    }
    catch (e) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('qemu', `registering emulators with ${image} failed (${e.message}); set qemu-image to a reachable mirror, or install qemu-user-static on the runner (qemu: host)`, 'qemu-image');
    }
    const registered = [];
    for (const arch of missing) {
        if (handlerState(await readHandler(arch)) !== 'ready') {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('qemu', `${image} did not register a working qemu-${arch} handler; try another qemu-image`, 'qemu-image');
        }
        registered.push(arch);
    }
    return { needed, registered, method: 'image' };
}
/** Removes handlers this run registered. Never throws: post reports, it does not fail the job. */
async function removeHandlers(step, arches, warn) {
    for (const arch of arches) {
        try {
            await writeProc(step, `${BINFMT_DIR}/qemu-${arch}`, '-1');
        }
        catch (e) {
            if (await readHandler(arch))
                warn(`could not remove the qemu-${arch} handler: ${e.message}`);
        }
    }
}


/***/ })

};
