export const id = 399;
export const ids = [399];
export const modules = {

/***/ 8399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPlatforms: () => (/* binding */ buildPlatforms)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
;// CONCATENATED MODULE: ./src/builder.ts



const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
/** Unique per run, attempt and job, plus randomness: matrix legs on one host share run, attempt and job. */
function builderName(env, random = (0,external_node_crypto_.randomBytes)(4).toString('hex')) {
    const job = (env.GITHUB_JOB ?? 'local').replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 24);
    return `multiarch-${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${job}-${random}`;
}
function planBuilder(inputs, env, configFile, random) {
    if (inputs.builder)
        return { name: inputs.builder, owned: false };
    // The engine's own builder is named after the docker context; naming it keeps a user's `buildx use` out.
    if (inputs.driver === 'docker')
        return { name: env.DOCKER_CONTEXT || 'default', owned: false };
    const name = builderName(env, random);
    const create = ['docker', 'buildx', 'create', '--name', name, '--driver', inputs.driver];
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
    return { name, owned: true, create, bootstrap: ['docker', 'buildx', 'inspect', '--bootstrap', name] };
}
/** `BuildKit version: v0.25.1` in `buildx inspect` output. */
function buildkitVersionOf(inspect) {
    return /BuildKit version:\s*v?(\d+\.\d+\.\d+)/i.exec(inspect)?.[1];
}
/**
 * Creates and starts the builder and returns BuildKit's version when the bootstrap reported it. A BuildKit
 * image that cannot be pulled names the input that fixes it.
 */
async function startBuilder(plan, inputs) {
    if (!plan.create || !plan.bootstrap)
        return undefined;
    const bootstrap = plan.bootstrap;
    try {
        await (0,exec/* exec */.m0)(plan.create);
        const inspect = await (0,exec/* retry */.L5)({ attempts: 3, baseMs: 2000, what: 'starting the builder' }, () => (0,exec/* exec */.m0)(bootstrap));
        return buildkitVersionOf(inspect.stdout);
    }
    catch (e) {
        const reason = (0,exec/* lastLine */.fM)(e.result?.stderr ?? e.message);
        if (inputs.driver === 'remote') {
            throw new errors/* ActionError */.lZ('builder', `could not reach BuildKit at ${inputs.endpoint} (${reason}); check endpoint`, 'endpoint');
        }
        const image = inputs.buildkitImage ?? DEFAULT_BUILDKIT_IMAGE;
        throw new errors/* ActionError */.lZ('builder', `could not start BuildKit from ${image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`, 'buildkit-image');
    }
}

// EXTERNAL MODULE: ./src/buildx.ts
var buildx = __webpack_require__(9903);
;// CONCATENATED MODULE: ./src/annotate.ts


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
function annotateDockerfile(log, context, file) {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    for (const e of dockerfileErrors(log)) {
        core/* error */.z3(e.message, {
            title: 'Build failed',
            file: workspacePath(context, file, workspace),
            startLine: e.line,
        });
    }
}

// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var src_inputs = __webpack_require__(5864);
// EXTERNAL MODULE: ./src/platforms.ts
var src_platforms = __webpack_require__(9799);
;// CONCATENATED MODULE: ./src/build.ts







const hasIndexAnnotations = (annotations) => annotations.some((a) => (0,src_inputs/* annotationTypes */.PB)(a).some((t) => t === 'index' || t === 'index-descriptor'));
/** CSV-quotes a key=value whose value has commas, as buildx's --output parser expects. */
const csvField = (field) => (field.includes(',') ? `"${field.replace(/"/g, '""')}"` : field);
function outputArgs(output, oci, load) {
    const ociAttr = oci ? ',oci-mediatypes=true' : '';
    const args = [];
    if (output.kind === 'digest') {
        const name = csvField(`name=${output.images.join(',')}`);
        args.push('--output', `type=image,${name},push-by-digest=true,name-canonical=true,push=true${ociAttr}`);
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
/** The whole `docker buildx build` argv. Secret values never appear in it: only ids, files and env names. */
function buildArgv(inputs, spec) {
    const argv = ['docker', 'buildx', 'build', '--progress', 'plain'];
    const add = (flag, values) => {
        for (const v of values)
            if (v !== undefined)
                argv.push(flag, v);
    };
    if (spec.platforms.length)
        add('--platform', [spec.platforms.map(src_platforms/* formatPlatform */.Bq).join(',')]);
    add('--file', [inputs.file]);
    add('--target', [inputs.target]);
    add('--build-arg', inputs.buildArgs.map(pair));
    add('--build-context', inputs.buildContexts.map(pair));
    add('--label', inputs.labels.map(pair));
    add('--annotation', spec.annotations.map(src_inputs/* formatAnnotation */.tn));
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
/** Writes each `secrets` value to its own 0600 file in the run's private temp dir. */
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
    return (/failed to push|pushing|push access|failed to copy|failed commit on ref/i.test(line) && (0,exec/* isTransient */.dg)(line));
}
async function runBuild(inputs, argv, metadataFile, env) {
    let result;
    try {
        // A push the registry refused for a while (after buildx's own retries) is worth one more build: every
        // layer is cached by then, so the retry costs little more than the push. Failed RUN steps are not retried.
        result = await (0,exec/* retry */.L5)({ attempts: 2, baseMs: 3000, what: 'pushing the build result' }, () => (0,exec/* exec */.m0)(argv, { env }), pushFailedTransiently);
    }
    catch (e) {
        const stderr = e.result?.stderr ?? '';
        annotateDockerfile(stderr, inputs.context, inputs.file);
        throw Object.assign(new errors/* ActionError */.lZ('build', `docker buildx build failed: ${(0,exec/* lastLine */.fM)(stderr).replace(/^failed to build: /, '') || e.message}`), {
            log: stderr,
        });
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
    return { digest, imageId, metadata, log: result.stderr };
}
/** The metadata output, without buildx's provenance blob (large, and not what users read it for). */
function publicMetadata(metadata) {
    const { ['buildx.build.provenance']: _provenance, ...rest } = metadata;
    return JSON.stringify(rest);
}

// EXTERNAL MODULE: ./src/cache.ts
var src_cache = __webpack_require__(7377);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/engine.ts



/** The engine's unix socket when it can be known without asking the docker CLI. */
function engineSocket(env) {
    if (env.DOCKER_CONTEXT)
        return undefined;
    const host = env.DOCKER_HOST;
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
 * Asks the engine for its version and architecture: straight over the socket when it is a local one (no
 * process spawned), else through the docker CLI. Fails before anything else runs when no engine answers.
 */
async function probeEngine(env = process.env) {
    const socket = engineSocket(env);
    try {
        if (socket) {
            const v = await getVersion(socket);
            return { arch: v.Arch, version: v.Version };
        }
        const { stdout } = await (0,exec/* exec */.m0)(['docker', 'version', '--format', '{{.Server.Arch}} {{.Server.Version}}'], {
            echo: false,
        });
        const [arch = '', version = ''] = stdout.trim().split(' ');
        return { arch, version };
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('engine', `no Docker engine answered (${e.message.split('\n')[0]}); start dockerd or point DOCKER_HOST at a running engine`);
    }
}

// EXTERNAL MODULE: ./src/handoff.ts
var src_handoff = __webpack_require__(7989);
;// CONCATENATED MODULE: ./src/local-cache.ts



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
/** Restores the newest saved local layer cache of this scope. A cache failure never fails the build. */
async function restoreLocalCache(plan, available) {
    if (!plan.localDirs || !plan.scope)
        return undefined;
    if (!available) {
        core/* notice */.lm('cache: local without the Actions cache service lasts only this job; set cache: registry to keep layers between runs');
        return undefined;
    }
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
        const hit = await cache.restoreCache([plan.localDirs.src], `${keyPrefix(plan.scope)}latest`, [
            keyPrefix(plan.scope),
        ]);
        if (hit)
            core/* info */.pq(`Restored layer cache ${hit}`);
        return indexHash(plan.localDirs.src);
    }
    catch (e) {
        core/* warning */.$e(`cache: restoring the local layer cache failed (${e.message}); building without it`);
        return undefined;
    }
}
/** Saves the exported cache under a content-hash key, only when it differs from what was restored. */
async function saveLocalCache(plan, available, restoredHash) {
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
            core/* info */.pq('Layer cache unchanged: not saved again');
        return;
    }
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(131)]).then(__webpack_require__.bind(__webpack_require__, 7131));
        await cache.saveCache([src], `${keyPrefix(plan.scope)}${hash}`);
    }
    catch (e) {
        core/* warning */.$e(`cache: saving the local layer cache failed (${e.message}); the build itself succeeded`);
    }
}

// EXTERNAL MODULE: ./src/manifest.ts
var manifest = __webpack_require__(5546);
// EXTERNAL MODULE: ./src/qemu.ts
var qemu = __webpack_require__(4803);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/tags.ts
var tags = __webpack_require__(9506);
;// CONCATENATED MODULE: ./src/pipeline.ts


















const runnerTemp = () => process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
/** mode all and mode build: QEMU → buildx → builder → cache → build → verify → outputs (→ handoff for a leg). */
async function buildPlatforms(inputs, phases, summary) {
    const needsEngine = inputs.driver !== 'remote' || inputs.qemu === 'image';
    const host = (needsEngine ? (await probeEngine()).arch : '') || (0,src_platforms/* hostArch */.LY)();
    const platforms = inputs.platforms.length ? inputs.platforms : [(0,src_platforms/* parsePlatform */.FL)(`linux/${host}`)];
    const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(runnerTemp(), 'multiarch-build-'));
    (0,state/* saveState */.LZ)('tempDir', tempDir);
    // QEMU first: a local check, and it needs only the docker CLI; buildx may have to be downloaded.
    const qemu = await phases.run('qemu', 'QEMU emulation', () => setUpQemu(inputs, platforms, host));
    const emulated = platforms.filter((p) => p.os === 'linux' && qemu.needed.includes((0,src_platforms/* qemuArch */.TT)(p)));
    core/* setOutput */.uH('qemu-platforms', emulated.map(src_platforms/* formatPlatform */.Bq).join(','));
    await (0,buildx/* setUpBuildx */.a)(inputs, phases);
    const builder = await phases.run('builder', 'Builder', () => setUpBuilder(inputs, tempDir));
    core/* setOutput */.uH('builder', builder.name);
    const env = {
        BUILDX_BUILDER: builder.name,
        // The provenance blob in the metadata file costs time and is not what the metadata output is read for.
        BUILDX_METADATA_PROVENANCE: process.env.BUILDX_METADATA_PROVENANCE ?? 'disabled',
    };
    const cache = await layerCache(inputs, platforms, env, builder.buildkitVersion);
    const restoredCache = cache.backend === 'local' ? await restoreLocalCache(cache, (0,src_cache/* ghaAvailable */.w1)(process.env)) : undefined;
    const target = publishTarget(inputs, platforms);
    const result = await phases.run('build', `Building ${platforms.map(src_platforms/* formatPlatform */.Bq).join(', ')}`, async () => {
        const metadataFile = (0,external_node_path_.join)(tempDir, 'metadata.json');
        const spec = {
            platforms,
            output: target.output,
            // A leg is always OCI: the merge may annotate its index, which Docker media types would silently drop.
            oci: inputs.mode === 'build' || hasIndexAnnotations(target.annotations),
            annotations: target.annotations,
            cacheFrom: cache.from,
            cacheTo: cache.to,
            metadataFile,
            secretFiles: await writeSecretFiles(inputs, tempDir),
        };
        return runBuild(inputs, buildArgv(inputs, spec), metadataFile, env);
    });
    if (cache.backend === 'local')
        await saveLocalCache(cache, (0,src_cache/* ghaAvailable */.w1)(process.env), restoredCache);
    const published = await verify(inputs, platforms, target, result, phases, env);
    report(inputs, platforms, target, result, published, summary);
    const steps = Object.fromEntries(summary.rows.map((r) => [r.platform, { cached: r.cached ?? 0, executed: r.executed ?? 0 }]));
    core/* setOutput */.uH('cache', JSON.stringify({ backend: cache.backend, scope: cache.scope ?? '', write: cache.write, steps }));
    summary.facts.push(['Builder', `${builder.name} (${inputs.builder ? 'existing' : inputs.driver})`]);
    summary.facts.push(['QEMU', describeQemu(qemu)]);
    summary.facts.push(['Cache', describeCache(cache)]);
    summary.rows = summary.rows.map((r) => ({
        ...r,
        emulated: emulated.some((p) => (0,src_platforms/* formatPlatform */.Bq)(p) === r.platform),
    }));
    if (inputs.mode === 'build') {
        await phases.run('handoff', 'Handing the leg to the merge job', () => (0,src_handoff/* recordLeg */.Yb)(inputs, platforms, result, summary));
    }
}
async function setUpQemu(inputs, platforms, host) {
    // A remote BuildKit runs elsewhere: this host's emulators are not what it uses.
    const needed = inputs.driver === 'remote' ? [] : (0,src_platforms/* emulationNeeded */.mh)(platforms, host);
    const result = await (0,qemu/* ensureQemu */.Fr)(inputs.qemu, inputs.qemuImage, platforms, needed);
    if (result.registered.length && inputs.qemuCleanup)
        (0,state/* saveState */.LZ)('qemuRegistered', result.registered.join(','));
    core/* info */.pq(describeQemu(result));
    return result;
}
async function setUpBuilder(inputs, tempDir) {
    let configFile;
    if (inputs.buildkitdConfigInline) {
        configFile = (0,external_node_path_.join)(tempDir, 'buildkitd.toml');
        await (0,promises_.writeFile)(configFile, inputs.buildkitdConfigInline, { mode: 0o600 });
    }
    const plan = planBuilder(inputs, process.env, configFile);
    // Saved before it exists: a cancelled or failed create still gets removed by post.
    if (plan.owned && inputs.cleanup)
        (0,state/* saveState */.LZ)('builder', plan.name);
    const buildkitVersion = await startBuilder(plan, inputs);
    core/* info */.pq(plan.owned ? `Created builder ${plan.name} (${inputs.driver})` : `Using builder ${plan.name}`);
    return { ...plan, buildkitVersion };
}
async function layerCache(inputs, platforms, env, buildkitVersion) {
    const context = {
        eventName: process.env.GITHUB_EVENT_NAME,
        ghaAvailable: (0,src_cache/* ghaAvailable */.w1)(process.env),
        driver: inputs.driver,
        tempDir: (0,external_node_path_.join)(runnerTemp(), 'multiarch-layer-cache'),
    };
    let cache = (0,src_cache/* planCache */._s)(inputs, platforms, context);
    if (cache.backend === 'gha') {
        // Only the gha backend depends on versions, so only then is buildx asked for its own.
        const version = await (0,exec/* exec */.m0)(['docker', 'buildx', 'version'], { echo: false, allowFailure: true, env });
        const buildxVersion = /v?(\d+\.\d+\.\d+)/.exec(version.stdout)?.[1];
        cache = (0,src_cache/* planCache */._s)(inputs, platforms, { ...context, buildxVersion, buildkitVersion });
    }
    if (cache.notice)
        core/* notice */.lm(cache.notice);
    return cache;
}
function publishTarget(inputs, platforms) {
    if (inputs.mode !== 'build') {
        const refs = (0,tags/* resolveTags */.y)(inputs.images, inputs.tags);
        return { output: { kind: 'tags', refs, push: inputs.push }, refs, annotations: inputs.annotations };
    }
    // A leg's index annotations belong to the merged index, which the merge job writes.
    const annotations = inputs.annotations.filter((a) => !(0,src_inputs/* annotationTypes */.PB)(a).some((t) => t.startsWith('index')));
    const handoff = (0,src_handoff/* resolveHandoff */.nK)(inputs.handoff, process.env, inputs.driver);
    if (handoff === 'cache')
        return { output: { kind: 'digest', images: inputs.images }, refs: [], annotations, handoff };
    const refs = platforms.flatMap((p) => (0,src_handoff/* legTags */.u3)(inputs.images, inputs.tags, p, process.env));
    return { output: { kind: 'tags', refs, push: true }, refs, annotations, handoff };
}
async function verify(inputs, platforms, target, result, phases, env) {
    const byDigest = target.handoff === 'cache';
    const refs = byDigest ? inputs.images.map((i) => `${i}@${result.digest}`) : inputs.push ? target.refs : [];
    if (!refs.length)
        return undefined;
    const names = platforms.map(src_platforms/* formatPlatform */.Bq);
    const indexAnnotations = Object.fromEntries(target.annotations.filter((a) => (0,src_inputs/* annotationTypes */.PB)(a).includes('index')).map((a) => [a.key, a.value]));
    return phases.run('verify', 'Verifying the registry', async () => {
        const found = await (0,manifest/* verifyPublished */.uf)({ refs, digest: result.digest, platforms: names, indexAnnotations }, env);
        core/* info */.pq(`${refs.join(', ')}: ${result.digest} with ${names.join(', ')}`);
        return found[0];
    });
}
function report(inputs, platforms, target, result, published, summary) {
    const names = platforms.map(src_platforms/* formatPlatform */.Bq);
    core/* setOutput */.uH('digest', result.digest ?? '');
    core/* setOutput */.uH('imageid', result.imageId ?? '');
    core/* setOutput */.uH('metadata', publicMetadata(result.metadata));
    core/* setOutput */.uH('platforms', names.join(','));
    core/* setOutput */.uH('tags', target.refs.join('\n'));
    const digests = new Map((published?.manifest.manifests ?? [])
        .filter((d) => !(0,manifest/* isAttestation */.H3)(d))
        .map((d) => [(0,manifest/* descriptorPlatform */.fA)(d), d.digest]));
    const stats = (0,src_cache/* cacheStats */.wn)(result.log, names);
    summary.rows = names.map((name) => ({ platform: name, digest: digests.get(name), ...stats.get(name) }));
    summary.digest = result.digest;
    summary.tags = inputs.push ? target.refs : [];
    summary.annotations = target.annotations.map(src_inputs/* formatAnnotation */.tn);
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

/***/ 4803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ removeHandlers),
/* harmony export */   Fr: () => (/* binding */ ensureQemu)
/* harmony export */ });
/* unused harmony exports BINFMT_DIR, DEBIAN_BINFMTS, BINFMT_D, parseHandler, parseDebianBinfmt, registerLine, handlerState, binfmtImageArgs, parseBinfmtConf */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3190);
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9799);




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
        ...new Set(platforms.filter((p) => arches.includes((0,_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .qemuArch */ .TT)(p))).map((p) => p.arch)),
    ].sort();
    return ['docker', 'run', '--rm', '--privileged', image, '--install', goarches.join(',')];
}
const asRoot = (argv) => (process.getuid?.() === 0 ? argv : ['sudo', '-n', ...argv]);
async function readHandler(arch) {
    try {
        return parseHandler(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(`${BINFMT_DIR}/qemu-${arch}`, 'utf8'));
    }
    catch {
        return undefined;
    }
}
async function writeProc(path, line) {
    if (process.getuid?.() === 0)
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, line);
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m0)(asRoot(['tee', path]), { input: line, echo: false });
}
async function mountBinfmt() {
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.access)(`${BINFMT_DIR}/register`);
        return;
    }
    catch {
        // not mounted yet
    }
    try {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m0)(asRoot(['mount', '-t', 'binfmt_misc', 'binfmt_misc', BINFMT_DIR]), { echo: false });
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('qemu', `${BINFMT_DIR} is not mounted and mounting it failed (${e.message}); run on a host where root can mount binfmt_misc, or set qemu: off and build only native platforms`, 'qemu');
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
 * registers only the missing ones from host binaries or the binfmt image.
 */
async function ensureQemu(mode, image, platforms, needed) {
    if (mode === 'off')
        return { needed, registered: [], method: 'off' };
    if (needed.length === 0)
        return { needed, registered: [], method: 'none' };
    await mountBinfmt();
    const states = new Map();
    for (const arch of needed)
        states.set(arch, handlerState(await readHandler(arch)));
    for (const [arch, state] of states) {
        if (state === 'disabled' || state === 'no-fix-binary') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('qemu', `a qemu-${arch} handler is already registered but ${state === 'disabled' ? 'disabled' : 'without the F flag, so build containers cannot see its interpreter'}; remove it (echo -1 > ${BINFMT_DIR}/qemu-${arch}) so this action can register a working one, or set qemu: off`, 'qemu');
        }
    }
    const missing = needed.filter((a) => states.get(a) === 'missing');
    if (missing.length === 0)
        return { needed, registered: [], method: 'present' };
    const defs = mode === 'image' ? 'qemu: image' : await hostDefinitions(missing);
    if (typeof defs !== 'string') {
        for (const arch of missing)
            await writeProc(`${BINFMT_DIR}/register`, registerLine(arch, defs.get(arch)));
        return { needed, registered: missing, method: 'host' };
    }
    if (mode === 'host') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('qemu', `qemu: host needs Debian/Ubuntu qemu-user-static: ${defs}; install it or set qemu: image`, 'qemu');
    }
    try {
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L5)({ attempts: 3, baseMs: 2000, what: `pulling ${image}` }, () => (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m0)(binfmtImageArgs(image, platforms, missing)));
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('qemu', `registering emulators with ${image} failed (${e.message}); set qemu-image to a reachable mirror, or install qemu-user-static on the runner (qemu: host)`, 'qemu-image');
    }
    const registered = [];
    for (const arch of missing) {
        if (handlerState(await readHandler(arch)) !== 'ready') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ('qemu', `${image} did not register a working qemu-${arch} handler; try another qemu-image`, 'qemu-image');
        }
        registered.push(arch);
    }
    return { needed, registered, method: 'image' };
}
/** Removes handlers this run registered. Never throws: post reports, it does not fail the job. */
async function removeHandlers(arches, warn) {
    for (const arch of arches) {
        try {
            await writeProc(`${BINFMT_DIR}/qemu-${arch}`, '-1');
        }
        catch (e) {
            if (await readHandler(arch))
                warn(`could not remove the qemu-${arch} handler: ${e.message}`);
        }
    }
}


/***/ })

};
