export const id = 505;
export const ids = [505];
export const modules = {

/***/ 505:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildPlatforms: () => (/* binding */ buildPlatforms)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/buildx/buildx.ts
var buildx_buildx = __webpack_require__(1826);
// EXTERNAL MODULE: ./src/buildx/engine.ts
var buildx_engine = __webpack_require__(8268);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/inputs/source.ts
// What the build reads: the context (a folder, a URL, or build-push-action's default, the Git context of the
// workflow's commit) and its Dockerfile, checked before anything runs.



/**
 * build-push-action's default context: `<server>/<owner>/<repo>.git#<sha>` (`#<ref>` for a pull request,
 * whose merge commit only the ref names). Undefined outside a workflow run (no repository).
 */
function defaultGitContext(ctx) {
    if (!ctx.repository)
        return undefined;
    const ref = !ctx.ref || ctx.ref.startsWith('refs/') ? ctx.ref : `refs/heads/${ctx.ref}`;
    const base = `${ctx.serverUrl}/${ctx.repository}.git`;
    return ctx.sha && !ref.startsWith('refs/pull/') ? `${base}#${ctx.sha}` : `${base}#${ref}`;
}
/** A context buildx fetches itself (Git or HTTP URL, stdin) rather than a local folder. */
const isRemoteContext = (context) => context === '-' || /^(https?:\/\/|git:\/\/|ssh:\/\/|git@|github\.com\/)/.test(context);
const DEFAULT_CONTEXT = /\{\{\s*defaultContext\s*\}\}/;
/** Replaces `{{defaultContext}}` (build-push-action's placeholder) in a context or build-context. */
function withDefaultContext(value, defaultContext, input) {
    if (!DEFAULT_CONTEXT.test(value))
        return value;
    if (!defaultContext)
        throw noRepository(input);
    return value.replace(new RegExp(DEFAULT_CONTEXT.source, 'g'), defaultContext);
}
const noRepository = (input) => new errors/* InputError */.dz(input, `the Git context of the workflow's commit needs GITHUB_REPOSITORY, which is not set (not a workflow run); set context: . to build the working folder`);
/** A key file buildx can read, or a socket it can dial (an agent's): what an `ssh` path may be. */
function readableKeyOrSocket(path) {
    try {
        const stat = (0,external_node_fs_.statSync)(path);
        if (stat.isSocket())
            return true;
        if (!stat.isFile())
            return false;
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.R_OK);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * `ssh` as buildx reads each entry: `id` (or `default`) forwards the SSH agent at SSH_AUTH_SOCK; `id=path[,path…]`
 * loads key files or agent sockets, relative paths from the workspace (where buildx runs). buildx only reads
 * them once a builder is running. `readable` is asked about each path. Throws InputError (ssh) with the fix.
 */
function checkSsh(ssh, ctx, readable = readableKeyOrSocket) {
    for (const entry of ssh) {
        const eq = entry.indexOf('=');
        const id = eq < 0 ? entry : entry.slice(0, eq);
        if (!id)
            throw new errors/* InputError */.dz('ssh', `"${entry}" has no id before "="; write default or id=path (e.g. github=.ssh/id_ed25519)`);
        const paths = eq < 0
            ? []
            : entry
                .slice(eq + 1)
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean);
        if (!paths.length) {
            if (!ctx.sshAuthSock) {
                throw new errors/* InputError */.dz('ssh', `"${entry}" forwards the SSH agent, and SSH_AUTH_SOCK is not set; start one first (e.g. webfactory/ssh-agent), or give a key file as ${id}=path/to/key`);
            }
            if (!readable(ctx.sshAuthSock)) {
                throw new errors/* InputError */.dz('ssh', `"${entry}" forwards the SSH agent, and SSH_AUTH_SOCK (${ctx.sshAuthSock}) is no socket; start the agent in this job, or give a key file as ${id}=path/to/key`);
            }
            continue;
        }
        for (const path of paths) {
            const full = (0,external_node_path_.resolve)(ctx.workspace, path);
            if (!readable(full)) {
                throw new errors/* InputError */.dz('ssh', `"${id}=…": ${path} is not a readable key file or agent socket${full !== path ? ` (looked for ${full}; paths are relative to the workspace)` : ''}; write the key to that path in an earlier step, or fix the path`);
            }
        }
    }
}
/**
 * The context and Dockerfile of a build. `exists` is asked about local paths (relative ones start at the
 * workspace, as buildx resolves them from the step's working folder), `readable` about `ssh` paths (see
 * checkSsh). Throws InputError naming context, file, secret-files or ssh when a path is missing, with the fix.
 */
function planSource(inputs, ctx, exists = external_node_fs_.existsSync, readable = readableKeyOrSocket) {
    const defaultContext = defaultGitContext(ctx);
    if (inputs.context === undefined && !defaultContext)
        throw noRepository('context');
    const context = withDefaultContext(inputs.context ?? '{{defaultContext}}', defaultContext, 'context');
    const ownToken = inputs.secrets.some((s) => /^GIT_AUTH_TOKEN($|\.)/.test(s.key));
    const gitAuthHost = inputs.githubToken && defaultContext && context.startsWith(defaultContext) && !ownToken
        ? new URL(ctx.serverUrl).host
        : undefined;
    const { workspace } = ctx;
    for (const { key, value } of inputs.secretFiles) {
        if (!exists((0,external_node_path_.resolve)(workspace, value))) {
            throw new errors/* InputError */.dz('secret-files', `"${key}=${value}": ${value} is not found (paths are relative to the workspace, ${workspace})`);
        }
    }
    checkSsh(inputs.ssh, ctx, readable);
    if (isRemoteContext(context)) {
        const subdir = /#[^:]*:(.+)$/.exec(context)?.[1] ?? '';
        const dockerfile = (0,external_node_path_.join)(subdir, inputs.file ?? 'Dockerfile');
        return { context, defaultContext, gitAuthHost, dockerfile, local: false };
    }
    const folder = (0,external_node_path_.resolve)(workspace, context);
    if (!exists(folder)) {
        throw new errors/* InputError */.dz('context', `"${context}" is not found (relative to the workspace, ${workspace}); to build the repository without a checkout, remove context`);
    }
    const file = inputs.file === undefined ? (0,external_node_path_.join)(folder, 'Dockerfile') : (0,external_node_path_.resolve)(workspace, inputs.file);
    if (!exists(file)) {
        if (inputs.file === undefined) {
            throw new errors/* InputError */.dz('context', `"${context}" has no Dockerfile; add one, or set file to where it is`);
        }
        const inContext = !(0,external_node_path_.isAbsolute)(inputs.file) && exists((0,external_node_path_.join)(folder, inputs.file));
        throw new errors/* InputError */.dz('file', inContext
            ? `"${inputs.file}" is not found: file is relative to the workspace, not to context (as in build-push-action); write file: ${(0,external_node_path_.relative)(workspace, (0,external_node_path_.join)(folder, inputs.file))}`
            : `"${inputs.file}" is not found (file is relative to the workspace, ${workspace}, not to context)`);
    }
    const dockerfile = (0,external_node_path_.relative)(workspace, file) || file;
    return { context, defaultContext, gitAuthHost, dockerfile, local: true };
}

// EXTERNAL MODULE: ./src/model/annotations.ts
var model_annotations = __webpack_require__(315);
// EXTERNAL MODULE: ./src/model/platforms.ts
var model_platforms = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/exec/exec.ts + 1 modules
var exec = __webpack_require__(2568);
// EXTERNAL MODULE: ./src/exec/retry.ts
var retry = __webpack_require__(7195);
// EXTERNAL MODULE: ./src/inputs/attests.ts
var attests = __webpack_require__(3691);
// EXTERNAL MODULE: ./src/inputs/build-checks.ts
var build_checks = __webpack_require__(1383);
;// CONCATENATED MODULE: ./src/model/attributes.ts
// Attribute lists as buildx reads them (`--output`, `--cache-to`, `--cache-from`, `--secret`): one CSV
// record of key=value fields. A value the action did not write itself (a path, a list of names) is quoted
// when it could otherwise end its field early and start a new attribute.
/** One `key=value` field, CSV-quoted when the value holds a comma, a quote or a line break. */
function attribute(key, value) {
    const field = `${key}=${value}`;
    return /[",\r\n]/.test(value) ? `"${field.replace(/"/g, '""')}"` : field;
}
/** `type=<type>` followed by each attribute, in order; undefined values are left out. */
function attributeList(type, attrs) {
    const fields = attrs.filter((a) => a[1] !== undefined);
    return [`type=${type}`, ...fields.map(([k, v]) => attribute(k, v))].join(',');
}

// EXTERNAL MODULE: ./src/registry/failures.ts
var failures = __webpack_require__(9280);
// EXTERNAL MODULE: ./src/runner/paths.ts
var paths = __webpack_require__(3098);
;// CONCATENATED MODULE: ./src/phases/build-errors.ts
// What a failed build printed, turned into annotations on Dockerfile lines and one line naming the input
// to change.


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
/** Adds an error annotation on the Dockerfile line of each failure in a build's output. */
function annotateDockerfile(log, output, dockerfile) {
    for (const e of dockerfileErrors(output)) {
        log.error(e.message, { title: 'Build failed', file: dockerfile, startLine: e.line });
    }
}
/** The warnings `buildx build --call check` printed (`WARNING: Rule - url`, the detail, `file:line`). */
function checkWarnings(output) {
    const lines = output.split('\n').map((l) => l.trim());
    const warnings = [];
    lines.forEach((l, i) => {
        const head = /^WARNING: (\w+) - \S+$/.exec(l);
        if (!head)
            return;
        const at = /^\S*:(\d+)$/.exec(lines[i + 2] ?? '');
        warnings.push({
            rule: head[1],
            detail: lines[i + 1] ?? '',
            ...(at ? { line: Number(at[1]) } : {}),
        });
    });
    return warnings;
}
/**
 * Puts each check warning on its Dockerfile line as a warning annotation; returns the one-line failure
 * (input `call`) when there are any, as buildx fails on them.
 */
function reportChecks(log, output, dockerfile) {
    const warnings = checkWarnings(output);
    for (const w of warnings) {
        log.warning(w.detail, {
            title: `Dockerfile check ${w.rule}`,
            file: dockerfile,
            ...(w.line ? { startLine: w.line } : {}),
        });
    }
    if (!warnings.length)
        return undefined;
    const where = warnings.map((w) => `${w.rule}${w.line ? ` (line ${w.line})` : ''}`).join(', ');
    return new errors/* ActionError */.lZ('build', `call: check found ${warnings.length} warning${warnings.length > 1 ? 's' : ''} in ${dockerfile}: ${where}; fix the Dockerfile, or skip a rule with a "# check=skip=<rule>" line at its top`, 'call');
}
/** The scanner image an SBOM attestation runs: `generator=` of the sbom input, else buildx's default. */
const sbomScanner = (sbom) => /(^|,)\s*generator=([^,]+)/.exec(sbom ?? '')?.[2] ?? 'docker/buildkit-syft-scanner';
/**
 * The one line a failed build ends with: buildx's reason, and when one input is the fix, that input
 * (sbom for an unreachable scanner image, file for a Dockerfile the context lacks, github-token for a Git
 * context the runner may not clone).
 */
function buildFailure(output, inputs, source) {
    const reason = (0,exec/* lastLine */.fM)(output).replace(/^failed to build: /, '');
    const scanner = sbomScanner(inputs.sbom)
        .replace(/^docker\.io\//, '')
        .split(':')[0];
    if ((inputs.sbom || inputs.attests.length) && reason.includes(scanner)) {
        return new errors/* ActionError */.lZ('build', `sbom: the SBOM scanner image ${scanner} could not be pulled (${reason}); mirror it and set sbom: generator=<mirror>/${scanner.split('/').pop()}:stable-1, or set sbom: false`, 'sbom');
    }
    if (!source.local &&
        /failed to fetch remote|Authentication failed|could not read Username|repository .* not found/i.test(output)) {
        return new errors/* ActionError */.lZ('build', `context: ${source.context} could not be cloned (${reason}); set github-token to a token that can read the repository, or check it out and set context: .`, source.gitAuthHost ? 'github-token' : 'context');
    }
    if (/failed to read dockerfile|open .*Dockerfile[^:]*: no such file/i.test(reason)) {
        return new errors/* ActionError */.lZ('build', `file: the Dockerfile ${source.dockerfile} is not in context ${source.context} (${reason}); set file to its path`, 'file');
    }
    return new errors/* ActionError */.lZ('build', `docker buildx build failed: ${reason}`);
}

;// CONCATENATED MODULE: ./src/phases/build.ts














/** This action's own image output: a leg's push by digest (or its unpushed image), or an OCI index pushed to the tags. */
function imageOutput(output, oci) {
    const ociAttr = oci ? ',oci-mediatypes=true' : '';
    if (output.kind === 'digest') {
        const name = attribute('name', output.images.join(','));
        return ['--output', `type=image,${name},push-by-digest=true,name-canonical=true,push=true${ociAttr}`];
    }
    if (output.kind === 'unpushed')
        return ['--output', `type=image,push=false${ociAttr}`];
    return output.push && oci ? ['--output', `type=image,push=true${ociAttr}`] : [];
}
const pair = (kv) => `${kv.key}=${kv.value}`;
/** A secret by file or by environment variable name: never by value. A path is quoted, never split. */
const secret = (id, by, where) => `${attribute('id', id)},${attribute(by, where)}`;
/** The secret id BuildKit looks up to authenticate a Git clone from `host` (before plain GIT_AUTH_TOKEN). */
const gitAuthSecretId = (host) => `GIT_AUTH_TOKEN.${host}`;
/**
 * The whole `buildx build` argument list (after `buildx`), flag for flag in build-push-action's order, so a
 * workflow moved here builds with the argv it built with there. This action's differences: `--progress
 * plain` (the log reads the same on every runner), no `--iidfile` and no `--builder` (the image id comes
 * from the metadata file, the builder from BUILDX_BUILDER), its own image output (a leg's push by digest, or
 * OCI media types when index annotations need them), and the Git token as GIT_AUTH_TOKEN.<host>. Secret
 * values never appear in it: only ids, files and env names.
 */
function buildArgs(inputs, spec) {
    const argv = ['build', '--progress', 'plain'];
    const add = (flag, values) => {
        for (const v of values)
            if (v !== undefined)
                argv.push(flag, v);
    };
    const { source } = spec;
    const secretFiles = [...spec.secretFiles];
    add('--add-host', inputs.addHosts);
    add('--allow', inputs.allow);
    add('--annotation', spec.annotations.map(model_annotations/* formatAnnotation */.tn));
    add('--build-arg', inputs.buildArgs.map(pair));
    add('--build-context', inputs.buildContexts.map((kv) => withDefaultContext(pair(kv), source.defaultContext, 'build-contexts')));
    add('--cache-from', spec.cacheFrom);
    add('--cache-to', spec.cacheTo);
    add('--call', [inputs.call && [inputs.call, ...inputs.callFields].join(',')]);
    add('--cgroup-parent', [inputs.cgroupParent]);
    add('--secret', inputs.secretEnvs.map((kv) => secret(kv.key, 'env', kv.value)));
    add('--file', [inputs.file]);
    add('--label', inputs.labels.map(pair));
    add('--no-cache-filter', inputs.noCacheFilters);
    add('--output', inputs.outputs);
    argv.push(...imageOutput(spec.output, spec.oci));
    if (spec.platforms.length)
        add('--platform', [spec.platforms.map(model_platforms/* formatPlatform */.Bq).join(',')]);
    add('--attest', (0,attests/* attestArgs */.r7)(inputs, { ...spec.attest, loads: spec.attest.loads ?? (0,build_checks/* loadsIntoDocker */.Mr)(inputs) }));
    const git = source.gitAuthHost ? gitAuthSecretId(source.gitAuthHost) : undefined;
    add('--secret', secretFiles.filter(([id]) => id !== git).map(([id, file]) => secret(id, 'src', file)));
    add('--secret', inputs.secretFiles.map((kv) => secret(kv.key, 'src', kv.value)));
    add('--secret', secretFiles.filter(([id]) => id === git).map(([id, file]) => secret(id, 'src', file)));
    add('--shm-size', [inputs.shmSize]);
    add('--ssh', inputs.ssh);
    if (spec.output.kind === 'tags')
        add('--tag', spec.output.refs);
    add('--target', [inputs.target]);
    add('--ulimit', inputs.ulimit);
    if (inputs.load)
        argv.push('--load');
    argv.push('--metadata-file', spec.metadataFile);
    add('--network', [inputs.network]);
    if (inputs.noCache)
        argv.push('--no-cache');
    if (inputs.pull)
        argv.push('--pull');
    if (spec.output.kind === 'tags' && spec.output.push && !spec.oci)
        argv.push('--push');
    argv.push(source.context);
    return argv;
}
/**
 * Writes each `secrets` value, and the Git token when `source` clones with it, to its own 0600 file in the
 * run's private temp dir; returns secret id → file.
 */
async function writeSecretFiles(inputs, tempDir, source) {
    const files = new Map();
    const values = [...inputs.secrets];
    if (source?.gitAuthHost && inputs.githubToken) {
        values.push({ key: gitAuthSecretId(source.gitAuthHost), value: inputs.githubToken });
    }
    if (!values.length)
        return files;
    const dir = (0,external_node_path_.join)(tempDir, 'secrets');
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o700 });
    for (const { key, value } of values) {
        const file = (0,paths/* childPath */.c)(dir, key);
        await (0,promises_.writeFile)(file, value, { mode: 0o600 });
        await (0,promises_.chmod)(file, 0o600);
        files.set(key, file);
    }
    return files;
}
/**
 * BuildKit's refusal to set up a cache importer or exporter at all (a malformed or expired cache token, an
 * unknown cache type): ignore-error=true does not cover it, so the whole build fails. The reason, or
 * undefined.
 */
function cacheRefusal(stderr) {
    return /failed to configure \w+ cache (?:exporter|importer)[^\n]*/.exec(stderr)?.[0].trim();
}
/** `args` without their --cache-from and --cache-to values. */
function withoutCache(args) {
    return args.filter((a, i) => !/^--cache-(from|to)$/.test(a) && !/^--cache-(from|to)$/.test(args[i - 1] ?? ''));
}
/** The build failed while pushing, for a reason that may pass (5xx, 429, timeouts, dropped connections). */
function pushFailedTransiently(e) {
    if (!(e instanceof exec/* ExecError */.cI))
        return false;
    const line = (0,exec/* lastLine */.fM)(e.result.stderr);
    return (/failed to push|pushing|push access|failed to copy|failed commit on ref/i.test(line) && (0,failures/* isTransient */.dg)(line));
}
/**
 * Runs the build of `spec` with `env` added to its environment and reads its metadata file; `signal` stops
 * it. A cache this action set up that BuildKit refuses to configure is dropped and the build run again
 * (cacheRefused says why). Throws ActionError (phase build) with buildx's last error line, naming the input
 * to change when one is the fix; annotates the failing Dockerfile line, or with `call: check` each warning's
 * line.
 */
async function runBuild(step, buildx, inputs, spec, env, args = buildArgs(inputs, spec), signal) {
    const { dockerfile } = spec.source;
    let stderr;
    try {
        // A push the registry refused for a while (after buildx's own retries) is worth one more build: every
        // layer is cached by then, so the retry costs little more than the push. Failed RUN steps are not retried.
        ({ stderr } = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 2, baseMs: 3000, what: 'pushing the build result' }, () => buildx.run(args, { env, signal }), (e) => !signal?.aborted && pushFailedTransiently(e)));
    }
    catch (e) {
        const output = e instanceof exec/* ExecError */.cI ? `${e.result.stderr}\n${e.result.stdout}` : '';
        // A build the job cancelled failed for no reason in the Dockerfile or the inputs.
        if (step.exec.cancelled) {
            const said = output ? (0,exec/* lastLine */.fM)(output) : (0,exec/* errorOutput */.Wm)(e);
            throw new errors/* ActionError */.lZ('build', (0,exec/* cancelledLine */.IC)(step.exec.cancelledBy, 'during the build', said));
        }
        // The cache this action set up is never worth a failed build; one the user wrote (cache-from/-to) is theirs.
        const refused = cacheRefusal(output);
        const managed = !inputs.cacheFrom.length && !inputs.cacheTo.length;
        if (refused && managed && withoutCache(args).length < args.length) {
            const result = await runBuild(step, buildx, inputs, spec, env, withoutCache(args), signal);
            return { ...result, cacheRefused: refused };
        }
        if (inputs.call === 'check')
            throw reportChecks(step.log, output, dockerfile) ?? failure(e, output);
        annotateDockerfile(step.log, output, dockerfile);
        throw failure(e, output);
    }
    let metadata = {};
    try {
        metadata = JSON.parse(await (0,promises_.readFile)(spec.metadataFile, 'utf8'));
    }
    catch {
        // no metadata file: a build with no output still succeeded
    }
    const digest = metadata['containerimage.digest'];
    const imageId = metadata['containerimage.config.digest'] ?? digest;
    return { digest, imageId, metadata, log: stderr };
    function failure(e, output) {
        return output ? buildFailure(output, inputs, spec.source) : new errors/* ActionError */.lZ('build', (0,exec/* errorOutput */.Wm)(e));
    }
}
/** The metadata output, without buildx's provenance blob (large, and not what users read it for). */
function publicMetadata(metadata) {
    const { ['buildx.build.provenance']: _provenance, ...rest } = metadata;
    return JSON.stringify(rest);
}

;// CONCATENATED MODULE: ./src/phases/build-exports.ts

/**
 * Runs the build of `spec` (see runBuild). When it would also load its image, the load runs first with
 * nothing pushed and no cache exported, then the push alone from the builder's cache, so the metadata names
 * what was pushed; nothing is pushed when the load fails. Returns the push's result, with `stepsLog` from
 * the first build (the one that ran the steps) and the loaded image's id. Throws ActionError as runBuild does.
 */
async function runBuilds(step, buildx, inputs, spec, env, signal) {
    // Only mode all pushes to tags and may load: a leg that loads is refused with the inputs.
    const { output } = spec;
    if (!inputs.load || output.kind !== 'tags' || !output.push)
        return runBuild(step, buildx, inputs, spec, env, undefined, signal);
    step.log.info('load and push: loading first, then pushing alone from the cache (so the pushed digest is known)');
    const loaded = await runBuild(step, buildx, inputs, {
        ...spec,
        output: { ...output, push: false },
        cacheTo: [],
        metadataFile: spec.metadataFile.replace(/(\.json)?$/, '-load.json'),
    }, env, undefined, signal);
    // Attested as build-push-action attests a build that loads (no default provenance).
    const alone = { ...spec, attest: { ...spec.attest, loads: true } };
    // From the load build's results: no-cache, no-cache-filters and pull applied to that build; here they would
    // build (or resolve) it again, and push a different image than the one loaded.
    const fromCache = { ...inputs, load: false, noCache: false, noCacheFilters: [], pull: false };
    const pushed = await runBuild(step, buildx, fromCache, alone, env, undefined, signal);
    // `imageid` names the image in the engine when it was loaded (a later `docker run` uses it).
    return { ...pushed, imageId: loaded.imageId || pushed.imageId, stepsLog: loaded.log };
}

// EXTERNAL MODULE: ./src/phases/push-access.ts
var push_access = __webpack_require__(5705);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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
const shortHash = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex').slice(0, 16);
/** Fits `text` in `max` characters, keeping it distinct: a long one keeps its start and gains a hash. */
function bounded(text, max) {
    return text.length <= max ? text : `${text.slice(0, max - 17)}_${shortHash(text)}`;
}
/**
 * Legs and the single job each get their own scope, so they never evict one another. The scope is one name
 * of letters, digits and `_ . -` (at most 100): it sits in an attribute list (`type=gha,scope=…`), a
 * directory name under RUNNER_TEMP, a cache key and a tag, so no part of it may mean anything there.
 */
function cacheScope(images, target, platforms, leg) {
    const image = ((0,refs/* parseReference */.F2)(images[0] ?? '')?.repository ?? 'image').split('/').slice(-2).join('-');
    const parts = [image, target ?? '', platforms.map(model_platforms/* platformSlug */.DN).join('.'), leg ? 'leg' : 'all'];
    const scope = parts
        .map((p) => p.replace(/[^A-Za-z0-9_.-]/g, '-'))
        .filter(Boolean)
        .join('_');
    return bounded(scope, 100);
}
/**
 * The registry cache reference for a scope: the tag of `base` (cache-ref, or `<image>:buildcache`; an
 * untagged cache-ref gets `buildcache`) suffixed with the scope's target, platforms and leg, kept within
 * the 128 characters a tag may have.
 */
function registryCacheRef(base, scope) {
    const ref = (0,refs/* parseReference */.F2)(base);
    const repository = ref?.repository ?? base;
    const suffix = scope.split('_').slice(1).join('_') || 'default';
    return `${repository}:${bounded(`${ref?.tag ?? 'buildcache'}-${suffix}`, 128)}`;
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
    if (backend === 'gha' && !ctx.cacheService) {
        // buildx drops a type=gha entry without the runtime token and URL, silently: say so, and claim nothing.
        return {
            backend: 'off',
            write: false,
            from: [],
            to: [],
            warning: 'cache: gha needs the GitHub Actions cache service, which this step cannot reach (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: not a GitHub-hosted job, or a runner without the service); building without a layer cache — set cache: registry or local',
        };
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
            const ref = registryCacheRef(inputs.cacheRef ?? `${inputs.images[0]}:buildcache`, scope);
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
            const src = (0,paths/* childPath */.c)(ctx.tempDir, scope);
            const dest = (0,paths/* childPath */.c)(ctx.tempDir, `${scope}.new`);
            return {
                backend,
                scope,
                write,
                from: [attributeList('local', [['src', src]])],
                to: write
                    ? [
                        attributeList('local', [
                            ['dest', dest],
                            ['mode', 'max'],
                            ['ignore-error', 'true'],
                        ]),
                    ]
                    : [],
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

;// CONCATENATED MODULE: ./src/phases/cache-result.ts
/** The names BuildKit gives its remote cache export steps (`#12 exporting to GitHub Actions Cache`). */
const EXPORT_STEP = /^#(\d+) (exporting to GitHub Actions Cache|exporting cache to \S.*)$/;
/** …and its cache import steps (`#5 importing cache manifest from gha:…`). */
const IMPORT_STEP = /^#(\d+) importing cache manifest from \S/;
/** What a first run, with nothing cached yet, reads back: not a failure. */
const NOTHING_YET = /not found|no such file or directory/i;
/** The errors of the steps `step` matches in a `--progress plain` build log, one line each, in order. */
function stepErrors(log, step) {
    const ids = new Set();
    const errors = [];
    for (const line of log.split('\n')) {
        const started = step.exec(line);
        if (started) {
            ids.add(started[1]);
            continue;
        }
        const error = /^#(\d+) ERROR: (.*)$/.exec(line);
        if (error && ids.has(error[1]))
            errors.push(error[2].trim());
    }
    return errors;
}
/** The error of every cache export step that failed (empty when every export succeeded or none ran). */
const cacheExportErrors = (log) => stepErrors(log, EXPORT_STEP);
/** The error of every cache import that failed for another reason than an empty cache. */
const cacheImportErrors = (log) => stepErrors(log, IMPORT_STEP).filter((e) => !NOTHING_YET.test(e));
/** Why no export step ran although the plan exports (buildx drops a gha cache without the service, silently). */
function notExported(to) {
    const gha = to.some((t) => /(^|,)\s*type=gha\b/.test(t));
    return gha
        ? 'no cache export ran: buildx skips a type=gha cache without the Actions cache service (ACTIONS_RUNTIME_TOKEN, and ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL)'
        : 'no cache export ran';
}
/**
 * What the cache did, given the plan and the build's log; `refused`: BuildKit would not set the cache up
 * at all, and the build ran again without it. Pure.
 */
function cacheOutcome(plan, log, refused) {
    const base = { backend: plan.backend, ...(plan.scope ? { scope: plan.scope } : {}) };
    if (refused)
        return { ...base, write: false, error: refused, refused: true };
    const readError = plan.backend !== 'off' ? cacheImportErrors(log)[0] : undefined;
    // An inline cache travels in the image: it has no export step of its own.
    const separate = plan.to.some((t) => !/(^|,)\s*type=inline\b/.test(t));
    const exported = log.split('\n').some((l) => EXPORT_STEP.test(l));
    let error = plan.write ? cacheExportErrors(log)[0] : undefined;
    if (plan.write && !error && separate && !exported)
        error = notExported(plan.to);
    return {
        ...base,
        write: plan.write && !error,
        ...(error ? { error } : {}),
        ...(readError ? { readError } : {}),
    };
}
/** The one warning a cache that failed is worth, or undefined. */
function cacheWarning(outcome) {
    const { backend, error, readError } = outcome;
    if (error && outcome.refused)
        return `cache: the ${backend} layer cache could not be used (${error}); the image is built without it`;
    if (error) {
        const read = readError ? `; reading it failed too (${readError}), so this build ran without it` : '';
        return `cache: writing the ${backend} layer cache failed (${error}); the image is built, but the next run will not find these layers${read}`;
    }
    if (readError)
        return `cache: reading the ${backend} layer cache failed (${readError}); this build ran without it`;
    return undefined;
}
/** The `cache` output: backend, scope, write (and error), and per platform the build steps cached and run. */
function cacheOutput(cache, rows) {
    const steps = Object.fromEntries(rows.map((r) => [r.platform, { cached: r.cached ?? 0, executed: r.executed ?? 0 }]));
    return JSON.stringify({
        backend: cache.backend,
        scope: cache.scope ?? '',
        write: cache.write,
        ...(cache.error ? { error: cache.error } : {}),
        steps,
    });
}
/** The summary's Cache fact. */
function describeCache(cache) {
    if (cache.backend === 'off')
        return 'off';
    const scope = cache.scope ? ` (${cache.scope})` : '';
    if (cache.error)
        return `${cache.backend}${scope}, not written: ${cache.error}`;
    return `${cache.backend}${scope}${cache.write ? '' : ', read-only'}`;
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
 * Before a docker-driver leg's build, what its handoff tags hold: that driver pushes the build to the tags
 * themselves, hiding what was there (other drivers push by digest, and the tags are read just before writing).
 * Undefined when not needed, or when the registry cannot say yet (a repository nothing was pushed to may
 * answer "denied"): the read-back after writing still catches a clash.
 */
async function handoffTagsBefore(step, registry, inputs, platforms) {
    const mode = (0,phases_handoff/* resolveHandoff */.nK)(inputs.handoff, step.ctx.cacheService, inputs.driver);
    if (mode !== 'tags' || !inputs.push || inputs.mode !== 'build' || inputs.driver !== 'docker')
        return undefined;
    return readHandoffTags(registry, legHandoffTags(step, inputs, platforms)).catch((e) => {
        step.log.info(`The handoff tags could not be read before the build (${e.message}); checked after writing`);
        return undefined;
    });
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
            if (found.kind === 'clash' || found.kind === 'none') {
                // Left for the merge: without it, a merge run anyway would see only the other leg's record (another
                // configuration, or the same one built into another digest from inputs the fingerprint leaves out,
                // such as secrets; or, when the other leg has reserved the key but not committed it yet, that leg's alone).
                const marker = `${(0,phases_handoff/* clashKeyPrefix */.rn)(record.images, record.variant, p, record.runId)}${record.config.fingerprint}`;
                await store.save(marker, record).catch(() => false);
            }
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
 * the handoff tags held before the build (handoffTagsBefore; else they are read now). `store` replaces the
 * Actions cache.
 * A leg with push: false hands off a build-only record through the cache (for a dry-run merge), nothing
 * through tags. Throws ActionError (phase handoff) when the record cannot be written or another leg's
 * record holds its name.
 */
async function recordLeg(step, registry, inputs, build, previous = undefined, store = (0,handoff_store/* actionsCacheStore */.$)(step.ctx.workspace)) {
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
    await writeTags(step, registry, record, refs, previous ?? (await readHandoffTags(registry, refs)));
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

// EXTERNAL MODULE: ./src/inputs/local-node.ts
var local_node = __webpack_require__(2215);
// EXTERNAL MODULE: ./src/inputs/types.ts
var types = __webpack_require__(3448);
;// CONCATENATED MODULE: ./src/buildx/inspect.ts
// `buildx inspect` read back into what setup-buildx-action reports as its outputs: driver, nodes, endpoint,
// and the platforms the builder's nodes can build.
const NODE_KEYS = {
    name: 'name',
    endpoint: 'endpoint',
    status: 'status',
    'buildkit daemon flags': 'buildkitd-flags',
    flags: 'buildkitd-flags',
    'buildkit version': 'buildkit',
    buildkit: 'buildkit',
    platforms: 'platforms',
    error: 'error',
};
/** Parses `buildx inspect <name>` text output (old and new key spellings). Pure; never throws. */
function parseInspect(text) {
    const result = { name: '', driver: '', nodes: [] };
    let node;
    for (const raw of text.split('\n')) {
        // Labels, GC policy and config files are indented or `>`-prefixed: not ours to read.
        if (/^\s/.test(raw))
            continue;
        const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(raw);
        if (!m)
            continue;
        const key = m[1].toLowerCase();
        const value = m[2].trim();
        if (key === 'nodes') {
            node = undefined;
            continue;
        }
        if (!node && key === 'name' && result.nodes.length === 0 && !result.name) {
            result.name = value;
            continue;
        }
        if (!node && key === 'driver') {
            result.driver = value;
            continue;
        }
        if (key === 'name') {
            node = { name: value, endpoint: '' };
            result.nodes.push(node);
            continue;
        }
        const field = NODE_KEYS[key];
        if (node && field && field !== 'name') {
            // buildx marks platforms a node was configured with by `*`: not part of the platform's name.
            node[field] =
                field === 'platforms' ? value.replace(/\*/g, '').split(/,\s*/).filter(Boolean).join(',') : value;
        }
    }
    return result;
}
/** The platforms the builder can build, over all its nodes, each once, in order. */
const builderPlatforms = (inspect) => [
    ...new Set(inspect.nodes.flatMap((n) => n.platforms?.split(',').filter(Boolean) ?? [])),
];

;// CONCATENATED MODULE: ./src/buildx/start-failure.ts

/** Failures to fetch the BuildKit image: the only ones a mirror in buildkit-image fixes. */
const IMAGE = /pull access denied|manifest unknown|manifest for .* not found|not found: manifest|failed to resolve|failed to pull|error pulling|failed to do request|no such host|toomanyrequests|rate limit|unauthorized|repository does not exist|i\/o timeout|dial tcp|tls: |x509: /i;
/** buildx's driver-opt parser, and options a driver does not know. */
const DRIVER_OPT = /expecting k=v|invalid driver option|driver-opt|unknown (?:option|opt)\b|invalid value ".*" for /i;
/** buildx reading --buildkitd-config, and buildkitd reading its config file. */
const CONFIG = /buildkit(?:d)? config|configuration file|toml/i;
/** buildkitd refusing a flag it does not know (urfave/cli) or a value it cannot use. */
const FLAGS = /flag provided but not defined|incorrect usage|invalid (?:value|argument) .* for flag|allow-insecure-entitlement/i;
/**
 * The error for a builder this step created that did not start, from what buildx said (`reason`) and the
 * inputs that shaped it; `image` is the BuildKit image the node runs. Pure.
 */
function startFailure(reason, inputs, image) {
    const config = inputs.buildkitdConfigInline ? 'buildkitd-config-inline' : 'buildkitd-config';
    if (CONFIG.test(reason) && (inputs.buildkitdConfig || inputs.buildkitdConfigInline)) {
        return new errors/* ActionError */.lZ('builder', `BuildKit did not accept its config (${reason}); check ${config}`, config);
    }
    if (DRIVER_OPT.test(reason) && inputs.driverOpts.length) {
        return new errors/* ActionError */.lZ('builder', `buildx did not accept driver-opts (${reason}); check driver-opts`, 'driver-opts');
    }
    if (FLAGS.test(reason)) {
        return new errors/* ActionError */.lZ('builder', `BuildKit did not accept its flags (${reason}); check buildkitd-flags`, 'buildkitd-flags');
    }
    if (IMAGE.test(reason)) {
        return new errors/* ActionError */.lZ('builder', `could not start BuildKit from ${image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`, 'buildkit-image');
    }
    return new errors/* ActionError */.lZ('builder', `BuildKit from ${image} did not start (${reason})`);
}

// EXTERNAL MODULE: ./src/buildx/local-node.ts
var buildx_local_node = __webpack_require__(2852);
// EXTERNAL MODULE: ./src/inputs/append.ts
var append = __webpack_require__(7193);
;// CONCATENATED MODULE: ./src/buildx/nodes.ts
// The nodes of the step's builder: its own node and the ones `append` adds. Pure planning: the
// `buildx create --append` argv of each, the platforms each declares, where a platform is built, and the
// address a node can be probed at while it works.





/** Platforms of the build that no appended node declares: the builder's own node builds them. */
function platformsHere(platforms, append) {
    const declared = new Set(append.flatMap((n) => n.platforms.map(model_platforms/* formatPlatform */.Bq)));
    return platforms.filter((p) => !declared.has((0,model_platforms/* formatPlatform */.Bq)(p)));
}
/** The TLS files node `index` gets from the environment, as driver-opts pointing at them. */
function tlsFiles(index, keys, dir) {
    return keys.map((key) => ({
        key,
        env: (0,append/* tlsEnvName */.KX)(index, key),
        file: (0,external_node_path_.join)(dir, `node${index}-${key}.pem`),
    }));
}
const tlsOpts = (tls) => tls.length ? [tls.map((t) => `${t.key}=${t.file}`).join(',')] : [];
/**
 * Every node of the builder `name` the inputs ask for, the builder's own first. Its own node declares the
 * build platforms no appended node declares (so buildx never picks it, through platforms it merely
 * detects, for one a native node was added for). `configFile` is the buildkitd config (given or written),
 * `tlsDir` where TLS files from the environment go, `container` the BuildKit container this step runs the
 * builder's own node in (with `localNode`; buildx reaches it at docker-container://<container>). Pure.
 */
function planNodes(name, inputs, platforms, configFile, tlsDir, container) {
    const driver = (0,local_node/* builderDriver */.kW)(inputs);
    const ownTls = tlsFiles(0, inputs.tlsFromEnv, tlsDir);
    const ownProbe = probeTarget(driver, inputs.endpoint, [...inputs.driverOpts, ...tlsOpts(ownTls)]);
    const ownEndpoint = container ? `docker-container://${container}` : inputs.endpoint;
    const own = {
        name: `${name}0`,
        ...(ownEndpoint ? { endpoint: ownEndpoint } : {}),
        platforms: inputs.append.length ? platformsHere(platforms, inputs.append) : [],
        tls: ownTls,
        ...(ownProbe ? { probe: ownProbe } : {}),
        ...(container ? { container } : {}),
    };
    const starts = driver !== 'remote';
    const appended = inputs.append.map((node, i) => {
        const nodeName = node.name ?? `${name}${i + 1}`;
        const tls = tlsFiles(i + 1, node.tlsFromEnv, tlsDir);
        const argv = ['create', '--name', name, '--append', '--node', nodeName];
        const opts = [...node.driverOpts, ...tlsOpts(tls)];
        // An air-gapped runner's mirror and registry settings apply to every node this step starts.
        if (starts && inputs.buildkitImage && !opts.some((o) => /(^|,)\s*image=/.test(o)))
            opts.push(`image=${inputs.buildkitImage}`);
        for (const opt of opts)
            argv.push('--driver-opt', opt);
        if (starts) {
            argv.push('--buildkitd-flags', node.buildkitdFlags ?? types/* DEFAULT_BUILDKITD_FLAGS */.Ji);
            if (configFile)
                argv.push('--buildkitd-config', configFile);
        }
        argv.push('--platform', node.platforms.map(model_platforms/* formatPlatform */.Bq).join(','));
        if (node.endpoint)
            argv.push(node.endpoint);
        const probe = probeTarget(driver, node.endpoint, opts);
        return {
            name: nodeName,
            ...(node.endpoint ? { endpoint: node.endpoint } : {}),
            platforms: node.platforms,
            append: argv,
            tls,
            ...(probe ? { probe } : {}),
        };
    });
    return [own, ...appended];
}
/** The builder's own TLS driver-opt (from BUILDER_NODE_0_AUTH_TLS_*), for its create argv. */
const ownTlsOpts = (own) => tlsOpts(own.tls);
/**
 * The node that builds `platform`: the first that declares it (buildx's own rule when every platform is
 * declared), else the builder's own node. Pure.
 */
function nodeFor(platform, nodes) {
    const name = (0,model_platforms/* formatPlatform */.Bq)(platform);
    return nodes.find((n) => n.platforms.some((p) => (0,model_platforms/* formatPlatform */.Bq)(p) === name)) ?? nodes[0];
}
/**
 * How a node at `endpoint` can be checked from this runner: a tcp://host:port BuildKit (driver: remote), with
 * the TLS files and server name among `driverOpts`; an ssh://[user@]host[:port] host. Undefined otherwise.
 */
function probeTarget(driver, endpoint, driverOpts) {
    const m = /^(tcp|ssh):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(endpoint ?? '');
    if (!m || (m[1] === 'tcp' && driver !== 'remote'))
        return undefined;
    const port = m[3] ? Number(m[3]) : m[1] === 'ssh' ? 22 : undefined;
    if (port === undefined)
        return undefined;
    const host = m[2].replace(/^\[|\]$/g, '');
    if (m[1] === 'ssh')
        return { host, port, kind: 'ssh' };
    const tls = Object.fromEntries(['cacert', 'cert', 'key', 'servername'].flatMap((k) => {
        const value = (0,append/* driverOptValue */.HT)(driverOpts, k);
        return value ? [[k, value]] : [];
    }));
    return { host, port, kind: 'grpc', ...(Object.keys(tls).length ? { tls } : {}) };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./src/buildx/watch.ts
// Keeps an eye on the builder's remote nodes while they work. buildx waits forever on a node whose host
// vanished (its link down, no TCP reset), so the step checks each node itself and stops the build when one
// stops answering. A TCP connect is not enough: a proxy or NAT on the way may accept it for a host that is
// gone. The check speaks the node's protocol: BuildKit's gRPC server must answer HTTP/2 (after a TLS
// handshake against the node's own CA, when it has one), an SSH host must send its banner.



/** An HTTP/2 client preface and an empty SETTINGS frame: a gRPC server answers with its own SETTINGS. */
const H2_PREFACE = Buffer.concat([
    Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
    Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]),
]);
const read = (file) => (file ? (0,external_node_fs_.readFileSync)(file) : undefined);
/** Speaks just enough of the node's protocol to tell a live BuildKit (or SSH) server from a gone one. */
const protocolProbe = (target, timeoutMs) => new Promise((resolve) => {
    let socket;
    let received = Buffer.alloc(0);
    const done = (reason) => {
        clearTimeout(timer);
        socket?.destroy();
        resolve(reason);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    try {
        if (target.kind === 'grpc' && target.tls) {
            const { cacert, cert, key, servername } = target.tls;
            socket = (0,external_node_tls_.connect)({
                host: target.host,
                port: target.port,
                ca: read(cacert),
                cert: read(cert),
                key: read(key),
                ...(servername ? { servername } : {}),
                ALPNProtocols: ['h2'],
            });
            socket.once('secureConnect', () => socket.write(H2_PREFACE));
        }
        else {
            socket = (0,external_node_net_.connect)({ host: target.host, port: target.port });
            if (target.kind === 'grpc')
                socket.once('connect', () => socket.write(H2_PREFACE));
        }
    }
    catch (e) {
        return done(e.message);
    }
    socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        if (target.kind === 'ssh') {
            if (received.length >= 4)
                done(received.subarray(0, 4).toString() === 'SSH-' ? undefined : 'no SSH banner');
        }
        else if (received.length >= 9) {
            // A frame header: 3 bytes length, 1 byte type (4: SETTINGS).
            done(received[3] === 4 ? undefined : 'not a BuildKit (gRPC) server');
        }
    });
    socket.once('error', (e) => done(e.code ?? e.message));
    socket.once('close', () => done('connection closed'));
});
/** The nodes that can be checked from here (tcp:// BuildKit, ssh:// hosts), with how to check them. */
function watchable(nodes) {
    return nodes.flatMap((n) => n.probe && n.endpoint ? [{ name: n.name, endpoint: n.endpoint, target: n.probe }] : []);
}
const WATCH = { intervalMs: 3000, timeoutMs: 4000, misses: 3 };
/** Checks every node once (each up to `tries` times, `timeoutMs` each): the first that does not answer. */
async function findUnreachable(nodes, probe, options) {
    const results = await Promise.all(nodes.map(async (node) => {
        let reason;
        for (let i = 0; i < options.tries; i++) {
            reason = await probe(node.target, options.timeoutMs);
            if (!reason)
                return undefined;
        }
        return { node, reason: reason };
    }));
    return results.find((r) => r !== undefined);
}
/**
 * Checks `nodes` every `intervalMs` until stop(). `onLost` is called once, with the first node that failed
 * `misses` checks in a row. Returns stop(), which ends the checks.
 */
function watchNodes(nodes, probe, onLost, options = WATCH) {
    const misses = new Map();
    let timer;
    let stopped = nodes.length === 0;
    const round = async () => {
        await Promise.all(nodes.map(async (node) => {
            const reason = await probe(node.target, options.timeoutMs);
            const count = reason ? (misses.get(node.name) ?? 0) + 1 : 0;
            misses.set(node.name, count);
            if (reason && count >= options.misses && !stopped) {
                stopped = true;
                onLost({ node, reason });
            }
        }));
        if (!stopped)
            timer = setTimeout(() => void round(), options.intervalMs);
    };
    if (!stopped)
        timer = setTimeout(() => void round(), options.intervalMs);
    return {
        stop() {
            stopped = true;
            clearTimeout(timer);
        },
    };
}
/** How a node that stopped answering reads in the step's last line. */
const describeLost = (lost) => `node "${lost.node.name}" at ${lost.node.endpoint} stopped answering (${lost.reason})`;

;// CONCATENATED MODULE: ./src/buildx/builder.ts













/** Unique per run, attempt and job, plus randomness: matrix legs on one host share run, attempt and job. */
function builderName(ctx, random = (0,external_node_crypto_.randomBytes)(4).toString('hex')) {
    const job = (ctx.job || 'local').replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 24);
    const run = ctx.runId === 'local' ? '0' : ctx.runId;
    return `multiarch-${run}-${ctx.runAttempt}-${job}-${random}`;
}
/**
 * The builder the inputs ask for: an existing one (`builder`), the engine's (`driver: docker`), or one this
 * run creates, with the nodes `append` adds. Pure.
 */
function planBuilder(inputs, ctx, files = {}, random) {
    const single = (name) => [{ name, platforms: [], tls: [] }];
    if (inputs.builder)
        return { name: inputs.builder, owned: false, nodes: single(inputs.builder) };
    // The engine's own builder is named after the docker context; naming it keeps a user's `buildx use` out.
    if (inputs.driver === 'docker') {
        const name = ctx.dockerContext ?? 'default';
        return { name, owned: false, nodes: single(name) };
    }
    const name = builderName(ctx, random);
    const driver = (0,local_node/* builderDriver */.kW)(inputs);
    const config = inputs.buildkitdConfig ?? files.configFile;
    const local = inputs.localNode ? (0,buildx_local_node/* planLocalNode */.zx)(name, inputs, files.localConfigDir) : undefined;
    const tlsDir = files.tlsDir ?? '';
    const nodes = planNodes(name, inputs, files.platforms ?? [], config, tlsDir, local?.container);
    const own = nodes[0];
    const create = ['create', '--name', name, '--driver', driver];
    const opts = local ? local.builderOpts : [...inputs.driverOpts, ...ownTlsOpts(own)];
    for (const opt of opts)
        create.push('--driver-opt', opt);
    if (driver === 'docker-container' || driver === 'kubernetes') {
        if (inputs.buildkitImage)
            create.push('--driver-opt', `image=${inputs.buildkitImage}`);
        create.push('--buildkitd-flags', inputs.buildkitdFlags);
    }
    // The local node's container gets the config copied in: buildx's remote driver starts nothing.
    if (config && !local)
        create.push('--buildkitd-config', config);
    if (own.platforms.length)
        create.push('--platform', own.platforms.map(model_platforms/* formatPlatform */.Bq).join(','));
    if (own.endpoint)
        create.push(own.endpoint);
    const append = nodes.flatMap((n) => (n.append ? [n.append] : []));
    return {
        name,
        owned: true,
        create,
        ...(append.length ? { append } : {}),
        bootstrap: ['inspect', '--bootstrap', name],
        nodes,
        ...(local ? { local } : {}),
    };
}
/** `BuildKit version: v0.25.1` in `buildx inspect` output. */
function buildkitVersionOf(inspect) {
    return /BuildKit version:\s*v?(\d+\.\d+\.\d+)/i.exec(inspect)?.[1];
}
/**
 * The input that names a node: an appended one (append), or the builder's own: endpoint (driver: remote), or
 * buildkit-image (the container this run starts for it).
 */
const nodeInput = (plan, name) => plan.nodes[0]?.name !== name ? 'append' : plan.local ? 'buildkit-image' : 'endpoint';
/** On the docker-container driver a tcp:// node is a Docker engine; a BuildKit daemon there is a likely slip. */
const engineHint = (driver, endpoint) => driver === 'docker-container' && endpoint?.startsWith('tcp://')
    ? ` (on the docker-container driver a tcp:// endpoint is a Docker engine, as in setup-buildx-action; a BuildKit daemon there is taken as one when its TLS files are given, or use driver: remote)`
    : '';
function unreachable(plan, lost) {
    const input = nodeInput(plan, lost.node.name);
    return new errors/* ActionError */.lZ('builder', `node "${lost.node.name}" at ${lost.node.endpoint} cannot be reached (${lost.reason}); check the node, or its ${input === 'append' ? 'entry in append' : 'endpoint'}`, input);
}
/** Why bootstrap failed, naming the node when `buildx inspect` reports one that did not start. */
async function failedNode(buildx, plan, driver) {
    if (plan.nodes.length < 2)
        return undefined;
    const report = await buildx
        .run(['inspect', plan.name], { echo: false, allowFailure: true, timeoutMs: 30_000 })
        .catch(() => undefined);
    const node = parseInspect(report?.stdout ?? '').nodes.find((n) => n.error || n.status !== 'running');
    if (!node)
        return undefined;
    const input = nodeInput(plan, node.name);
    return new errors/* ActionError */.lZ('builder', `node "${node.name}"${node.endpoint ? ` at ${node.endpoint}` : ''} did not start (${node.error ?? node.status}); check ${input === 'append' ? 'its entry in append' : input}${input === 'append' ? engineHint(driver, node.endpoint) : ''}`, input);
}
/** The line of a node container's recent log that says why BuildKit stopped (its last error, else its last line). */
async function containerSaid(step, container) {
    const logs = await step.exec
        // Enough for a usage text (buildkitd prints ~60 lines of it around an unknown flag's error).
        .run(['docker', 'logs', '--tail', '200', container], {
        echo: false,
        allowFailure: true,
        timeoutMs: 10_000,
    })
        .catch(() => undefined);
    if (!logs || logs.code !== 0)
        return undefined;
    const lines = `${logs.stdout}\n${logs.stderr}`
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const why = [...lines].reverse().find((l) => /incorrect usage|flag provided|error|failed|invalid/i.test(l)) ??
        lines.at(-1);
    return why && why.length > 300 ? `${why.slice(0, 300)}…` : why;
}
/**
 * What `buildx inspect` prints for the existing builder `name` (input builder), or undefined when the inspect
 * failed otherwise (the build reports an unreachable builder itself). Throws ActionError (builder) when buildx
 * knows no builder of that name: buildx build would fail with it later, without naming the input.
 */
async function existingBuilder(buildx, name) {
    const answer = await buildx.run(['inspect', name], { echo: false, allowFailure: true });
    if (answer.code === 0)
        return answer.stdout;
    if (/no builder .* found/i.test(answer.stderr)) {
        throw new errors/* ActionError */.lZ('builder', `buildx knows no builder "${name}" on this runner; create it in an earlier step (e.g. with docker/setup-buildx-action) and pass its name, or remove builder to let this step create one`, 'builder');
    }
    return undefined;
}
/**
 * Creates and starts the builder (when the plan owns one) with every node `append` adds, and returns its
 * handle. Nodes at tcp:// and ssh:// addresses are checked first, and watched while BuildKit starts:
 * buildx would wait on a vanished host indefinitely. `probe` checks one in its protocol. A BuildKit
 * container for the builder's own node (`plan.local`) is started first. Throws ActionError (phase builder)
 * naming the node and its endpoint, or the input the failure points at (see startFailure), or endpoint (driver:
 * remote, or the Docker engine the docker-container driver's endpoint names); for an existing builder, asks
 * buildx it exists (see existingBuilder).
 */
async function startBuilder(step, buildx, plan, inputs, probe = protocolProbe) {
    const builder = {
        name: plan.name,
        owned: plan.owned,
        env: { BUILDX_BUILDER: plan.name },
        nodes: plan.nodes,
    };
    if (inputs.builder)
        return { ...builder, inspected: await existingBuilder(buildx, inputs.builder) };
    if (!plan.create || !plan.bootstrap)
        return builder;
    const { create, bootstrap } = plan;
    const watched = watchable(plan.nodes);
    let lost;
    const abort = new AbortController();
    const driver = (0,local_node/* builderDriver */.kW)(inputs);
    try {
        if (plan.local)
            await (0,buildx_local_node/* startLocalNode */.cI)(step, plan.local);
        await buildx.run(create);
        for (const [i, argv] of (plan.append ?? []).entries()) {
            const node = plan.nodes[i + 1];
            await buildx.run(argv).catch((e) => {
                throw new errors/* ActionError */.lZ('builder', `could not add node "${node.name}"${node.endpoint ? ` at ${node.endpoint}` : ''} to the builder (${(0,exec/* errorText */.kc)(e)}); check its entry in append${engineHint(driver, node.endpoint)}`, 'append');
            });
        }
        lost = await findUnreachable(watched, probe, { timeoutMs: 4000, tries: 2 });
        if (lost)
            throw unreachable(plan, lost);
        const watch = watchNodes(watched, probe, (l) => {
            lost = l;
            abort.abort();
        });
        const inspect = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 3, baseMs: 2000, what: 'starting the builder' }, () => buildx.run(bootstrap, { signal: abort.signal }), (e) => !lost && (0,failures/* errorIsTransient */.pc)(e)).finally(() => watch.stop());
        const buildkitVersion = buildkitVersionOf(inspect.stdout);
        const started = { ...builder, inspected: inspect.stdout };
        return buildkitVersion ? { ...started, buildkitVersion } : started;
    }
    catch (e) {
        if (e instanceof errors/* ActionError */.lZ)
            throw e;
        if (lost)
            throw unreachable(plan, lost);
        const node = await failedNode(buildx, plan, driver);
        if (node)
            throw node;
        let reason = (0,exec/* errorText */.kc)(e);
        if (driver === 'remote' && !plan.local) {
            throw new errors/* ActionError */.lZ('builder', `could not reach BuildKit at ${inputs.endpoint} (${reason}); check endpoint`, 'endpoint');
        }
        const image = plan.local?.image ?? inputs.buildkitImage ?? types/* DEFAULT_BUILDKIT_IMAGE */.LX;
        // A cancelled bootstrap says nothing about the image or the inputs.
        if (step.exec.cancelled)
            throw new errors/* ActionError */.lZ('builder', (0,exec/* cancelledLine */.IC)(step.exec.cancelledBy, `while BuildKit from ${image} was starting`, reason));
        // buildx reports only that the container is restarting; why is in BuildKit's own log (on this engine).
        if (driver === 'docker-container' && !inputs.endpoint) {
            const said = await containerSaid(step, `buildx_buildkit_${plan.name}0`);
            if (said && !reason.includes(said))
                reason = `${reason}; BuildKit said: ${said}`;
        }
        const failure = startFailure(reason, inputs, image);
        if (driver === 'docker-container' &&
            inputs.endpoint &&
            [undefined, 'buildkit-image'].includes(failure.input)) {
            throw new errors/* ActionError */.lZ('builder', `could not start BuildKit from ${image} on the Docker engine at ${inputs.endpoint} (${reason}); check endpoint (a docker context name or Docker host this runner can reach${inputs.endpoint.startsWith('tcp://') ? '; a tcp:// endpoint is a Docker engine here, as in setup-buildx-action: for a BuildKit daemon set driver: remote' : ''}), or set buildkit-image to a mirror that engine can pull`, 'endpoint');
        }
        throw failure;
    }
}

// EXTERNAL MODULE: ./src/registry/manifests.ts
var manifests = __webpack_require__(1);
;// CONCATENATED MODULE: ./src/phases/nodes.ts
// A build spread over the builder's nodes: which node builds which platform, watching the remote ones while
// they work, naming the one that failed, and checking that the index buildx merged holds only what they built.







/** The platforms that may run under QEMU on this runner: those the builder's own, local node builds. */
function localPlatforms(platforms, driver, append) {
    // A remote or kubernetes BuildKit runs elsewhere: this host's emulators are not what it uses.
    if (driver === 'remote' || driver === 'kubernetes')
        return [];
    return platformsHere(platforms, append);
}
/** platform → the name of the node that builds it; empty for a builder of one node. */
function nodeOfPlatforms(platforms, builder) {
    if (builder.nodes.length < 2)
        return new Map();
    return new Map(platforms.map((p) => [(0,model_platforms/* formatPlatform */.Bq)(p), nodeFor(p, builder.nodes)?.name ?? '']));
}
/**
 * Writes the TLS files nodes take from BUILDER_NODE_<n>_AUTH_TLS_* (PEM) to their 0600 files, before the
 * nodes are created. `env` is the step's environment.
 */
async function writeNodeTls(builderNodes, env) {
    for (const tls of builderNodes.flatMap((n) => n.tls)) {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(tls.file), { recursive: true, mode: 0o700 });
        await (0,promises_.writeFile)(tls.file, env[tls.env] ?? '', { mode: 0o600 });
    }
}
/**
 * Runs `build` (given an AbortSignal that stops it) while checking the builder's tcp:// and ssh:// nodes
 * (its own too: a lone remote BuildKit that vanishes would hang the step as surely).
 * A node that stops answering stops the build; a build that fails while a node cannot be reached is blamed
 * on that node. Returns what `build` returns. Throws ActionError (phase build, input append or endpoint)
 * naming the node and its endpoint, or rethrows the build's own error.
 */
async function buildWatched(step, builder, build, probe = protocolProbe, options = WATCH) {
    const watched = watchable(builder.nodes);
    if (!watched.length)
        return build(new AbortController().signal);
    let lost;
    const abort = new AbortController();
    const watch = watchNodes(watched, probe, (l) => {
        lost = l;
        step.log.warning(`${describeLost(l)}: stopping the build`);
        abort.abort();
    }, options);
    try {
        return await build(abort.signal);
    }
    catch (e) {
        lost ??= await findUnreachable(watched, probe, { timeoutMs: 4000, tries: 2 });
        if (!lost)
            throw e;
        const input = builder.nodes[0]?.name === lost.node.name ? 'endpoint' : 'append';
        throw new errors/* ActionError */.lZ('build', `${describeLost(lost)} during the build; nothing was published${builder.nodes.length > 1 ? " (the other nodes' results stay untagged)" : ''}`, input);
    }
    finally {
        watch.stop();
    }
}
/** The image manifests (and attestation manifests) the nodes exported, from buildx's build log. */
function exportedManifests(log) {
    return new Set([...log.matchAll(/exporting (?:attestation )?manifest (sha256:[0-9a-f]{64})/g)].map((m) => m[1]));
}
/**
 * A multi-node build's index is merged by buildx from each node's result: every entry of what the registry
 * holds (`published`) must be one of the manifests those nodes exported (from the build log). Returns the
 * result, with the merged index's digest from the registry when buildx left it out. Throws ActionError
 * (phase verify). A builder of one node: the result as it is.
 */
function checkMerged(builder, result, published) {
    if (builder.nodes.length < 2 || !published)
        return result;
    const exported = exportedManifests(result.log);
    const foreign = (published.manifest.manifests ?? []).filter((d) => !exported.has(d.digest));
    if (exported.size && foreign.length) {
        const what = foreign.map((d) => `${d.digest.slice(0, 19)}${(0,manifests/* isAttestation */.H3)(d) ? ' (attestation)' : ''}`);
        throw new errors/* ActionError */.lZ('verify', `${published.ref} holds ${what.join(', ')}, which none of the builder's nodes exported in this run`);
    }
    return result.digest ? result : { ...result, digest: published.digest };
}
/**
 * buildx merges the nodes' results into one index and reports its digest in the metadata file, but has been
 * seen to leave it out. Pushed under tags, what they hold is then read back (and checked by checkMerged);
 * pushed by digest alone (a leg handed off by digest), nothing names it. Throws ActionError (phase build).
 */
function mergedDigestKnown(builder, result, byDigestOnly) {
    if (builder.nodes.length < 2 || result.digest || !byDigestOnly)
        return;
    throw new errors/* ActionError */.lZ('build', 
    // Every handoff needs the digest (the tags handoff pushes by digest too, then records it under its tag).
    "buildx did not report the digest of the index it merged from the nodes' results, so the leg cannot be handed off; run the job again");
}

;// CONCATENATED MODULE: ./src/phases/builder.ts
// The builder phase: the step's own buildx builder and the nodes `append` adds to it.







/**
 * Writes what the builder needs (buildkitd-config-inline, TLS files from the environment, the config for a
 * BuildKit container of its own node) to `tempDir`, then creates and starts the builder the inputs ask for,
 * with its nodes. Returns its handle. Throws ActionError (phase builder).
 */
async function setUpBuilder(step, buildx, inputs, platforms, tempDir, dockerContext) {
    let configFile;
    if (inputs.buildkitdConfigInline) {
        configFile = (0,external_node_path_.join)(tempDir, 'buildkitd.toml');
        await (0,promises_.writeFile)(configFile, inputs.buildkitdConfigInline, { mode: 0o600 });
    }
    // The container of a local node gets a folder holding only its config (`docker cp <dir>/.`).
    const config = inputs.buildkitdConfig ?? configFile;
    let localConfigDir;
    if (inputs.localNode && config) {
        localConfigDir = (0,external_node_path_.join)(tempDir, 'local-node');
        await (0,promises_.mkdir)(localConfigDir, { mode: 0o700 });
        await (0,promises_.copyFile)(config, (0,external_node_path_.join)(localConfigDir, 'buildkitd.toml')).catch((e) => {
            throw new errors/* ActionError */.lZ('builder', `cannot read ${config} (${e.message})`, 'buildkitd-config');
        });
    }
    // driver: docker builds on the engine of the docker context in use (`docker context use rootless`).
    const files = { configFile, localConfigDir, tlsDir: (0,external_node_path_.join)(tempDir, 'tls'), platforms };
    const plan = planBuilder(inputs, { ...step.ctx, dockerContext }, files);
    // TLS keys from the environment go to 0600 files in the run's temp dir, which post deletes.
    await writeNodeTls(plan.nodes, step.ctx.env);
    // Saved before it exists: a cancelled or failed create still gets removed by post.
    if (plan.owned && inputs.cleanup)
        step.state.save('builder', plan.name);
    if (plan.local && inputs.cleanup)
        step.state.save('localNode', plan.local.container);
    const builder = await startBuilder(step, buildx, plan, inputs);
    const local = plan.local
        ? `; its own node: BuildKit container ${plan.local.container} from ${plan.local.image}`
        : '';
    step.log.info(plan.owned
        ? `Created builder ${plan.name} (${(0,local_node/* builderDriver */.kW)(inputs)}${local})`
        : `Using builder ${plan.name}`);
    for (const node of plan.nodes.length > 1 ? plan.nodes : [])
        step.log.info(`  node ${node.name}${node.endpoint ? ` at ${node.endpoint}` : ''}: ${node.platforms.map(model_platforms/* formatPlatform */.Bq).join(', ') || 'what it detects'}`);
    return builder;
}
/**
 * The summary's Builder line: name, driver and, for several nodes, each node and its endpoint (for the
 * BuildKit container this run started for its own node, that container).
 */
function describeBuilder(builder, inputs) {
    const kind = inputs.builder ? 'existing' : (0,local_node/* builderDriver */.kW)(inputs);
    if (builder.nodes.length < 2)
        return `${builder.name} (${kind})`;
    const where = (n) => n.container
        ? ` (BuildKit container <code>${n.container}</code> on this runner)`
        : n.endpoint
            ? ` (${n.endpoint})`
            : '';
    const nodes = builder.nodes.map((n) => `<code>${n.name}</code>${where(n)}`);
    return `${builder.name} (${kind}, nodes ${nodes.join(', ')})`;
}

// EXTERNAL MODULE: ./src/phases/binfmt.ts
var binfmt = __webpack_require__(7218);
// EXTERNAL MODULE: ./src/phases/qemu-users.ts
var qemu_users = __webpack_require__(9947);
;// CONCATENATED MODULE: ./src/phases/qemu.ts







const DEBIAN_BINFMTS = '/usr/share/binfmts';
const BINFMT_D = '/usr/lib/binfmt.d';
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
/** GOARCH names the binfmt image's --install takes, for the qemu arches to install. */
function binfmtImageArgs(image, platforms, arches) {
    const goarches = [
        ...new Set(platforms.filter((p) => arches.includes((0,model_platforms/* qemuArch */.TT)(p))).map((p) => p.arch)),
    ].sort();
    return ['docker', 'run', '--rm', '--privileged', image, '--install', goarches.join(',')];
}
async function mountBinfmt(step) {
    const dir = step.ctx.binfmtDir;
    try {
        await (0,promises_.access)(`${dir}/register`);
        return;
    }
    catch {
        // not mounted yet
    }
    try {
        await step.exec.run((0,binfmt/* asRoot */.tE)(step, ['mount', '-t', 'binfmt_misc', 'binfmt_misc', dir]), {
            echo: false,
        });
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('qemu', `${dir} is not mounted and mounting it failed (${e.message}); run on a host where root can mount binfmt_misc, or set qemu: off and build only native platforms`, 'qemu');
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
            const def = parse(await (0,promises_.readFile)(path(arch), 'utf8'));
            await (0,promises_.access)(def.interpreter);
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
 * The qemu arches a binfmt image run registered itself: it prints `installing: <goarch> OK` for those, and
 * `installing: <goarch> qemu-<arch> already registered` for the ones someone registered meanwhile.
 */
function installedByImage(output, platforms) {
    const goarches = new Set([...output.matchAll(/^installing: (\S+) OK$/gm)].map((m) => m[1]));
    return [...new Set(platforms.filter((p) => goarches.has(p.arch)).map(model_platforms/* qemuArch */.TT))].sort();
}
async function registerFromHost(step, missing, defs) {
    const done = { registered: [], appeared: [] };
    for (const arch of missing) {
        const outcome = await (0,binfmt/* registerHandler */.ik)(step, registerLine(arch, defs.get(arch)));
        done[outcome === 'registered' ? 'registered' : 'appeared'].push(arch);
    }
    return done;
}
async function registerFromImage(step, image, platforms, missing) {
    let output;
    try {
        const result = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 3, baseMs: 2000, what: `pulling ${image}` }, () => step.exec.run(binfmtImageArgs(image, platforms, missing)), failures/* errorIsTransient */.pc);
        output = `${result.stdout}\n${result.stderr}`;
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('qemu', `registering emulators with ${image} failed (${e.message}); set qemu-image to a reachable mirror, or install qemu-user-static on the runner (qemu: host)`, 'qemu-image');
    }
    const installed = installedByImage(output, platforms);
    return {
        registered: missing.filter((a) => installed.includes(a)),
        appeared: missing.filter((a) => !installed.includes(a)),
    };
}
/** Throws when a handler this run needs is registered but unusable (disabled, or without F). */
function checkUsable(step, arch, state, image) {
    if (state === 'ready')
        return;
    if (image && state === 'missing') {
        throw new errors/* ActionError */.lZ('qemu', `${image} did not register a working qemu-${arch} handler; try another qemu-image`, 'qemu-image');
    }
    throw new errors/* ActionError */.lZ('qemu', `a qemu-${arch} handler is already registered but ${state === 'disabled' ? 'disabled' : state === 'missing' ? 'gone again' : 'without the F flag, so build containers cannot see its interpreter'}; remove it (echo -1 > ${step.ctx.binfmtDir}/qemu-${arch}) so this action can register a working one, or set qemu: off`, 'qemu');
}
/**
 * Makes sure every foreign platform has a usable handler: reads binfmt_misc, leaves ready handlers alone,
 * registers only the missing ones from host binaries or the binfmt image, and records this run (`user`) as
 * a user of each, all under the host's QEMU lock so that no other run of this action removes a handler
 * this one uses. A handler that appears while this run registers it (EEXIST) is someone else's: used, never
 * claimed. `needed` are qemu arch names; `cleanup` is qemu-cleanup. Returns what was needed, registered
 * and found appeared. Throws ActionError (phase qemu) naming qemu or qemu-image when a handler cannot be made
 * to work.
 */
async function ensureQemu(step, mode, image, platforms, needed, run) {
    if (mode === 'off')
        return { needed, registered: [], appeared: [], method: 'off' };
    if (needed.length === 0)
        return { needed, registered: [], appeared: [], method: 'none' };
    await mountBinfmt(step);
    return (0,qemu_users/* withQemuLock */.CD)(step, async (shared) => {
        const states = new Map();
        for (const arch of needed)
            states.set(arch, (0,binfmt/* handlerState */.io)(await (0,binfmt/* readHandler */.rm)(step, arch)));
        for (const [arch, state] of states)
            if (state !== 'missing')
                checkUsable(step, arch, state);
        const missing = needed.filter((a) => states.get(a) === 'missing');
        let done = { registered: [], appeared: [] };
        let method = 'present';
        if (missing.length) {
            const defs = mode === 'image' ? 'qemu: image' : await hostDefinitions(missing);
            if (typeof defs !== 'string') {
                done = await registerFromHost(step, missing, defs);
                method = 'host';
            }
            else if (mode === 'host') {
                throw new errors/* ActionError */.lZ('qemu', `qemu: host needs Debian/Ubuntu qemu-user-static: ${defs}; install it or set qemu: image`, 'qemu');
            }
            else {
                done = await registerFromImage(step, image, platforms, missing);
                method = 'image';
            }
            for (const arch of missing)
                checkUsable(step, arch, (0,binfmt/* handlerState */.io)(await (0,binfmt/* readHandler */.rm)(step, arch)), method === 'image' ? image : undefined);
        }
        if (shared)
            await recordUses(step, needed, done, run);
        return { needed, ...done, method };
    });
}
async function recordUses(step, needed, done, run) {
    for (const arch of needed) {
        const how = done.registered.includes(arch)
            ? 'registered'
            : done.appeared.includes(arch)
                ? 'appeared'
                : 'present';
        try {
            await (0,qemu_users/* recordUse */.zk)(step, run.user, arch, (0,qemu_users/* planMarker */.YH)(how, run.cleanup));
        }
        catch (e) {
            step.log.warning(`qemu: could not record this run's use of qemu-${arch} under ${step.ctx.hostStateDir} (${e.message}); another job's qemu-cleanup on this host may remove it meanwhile`);
        }
    }
}

// EXTERNAL MODULE: ./src/phases/verify.ts
var verify = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/registry/client.ts
var client = __webpack_require__(2440);
;// CONCATENATED MODULE: ./src/modes/build-report.ts




/**
 * Sets setup-buildx-action's outputs from `buildx inspect`: driver, builder-platforms (its `platforms`; this
 * action's `platforms` output is what was built), nodes (JSON) and endpoint (the first node's). A builder this
 * run started is described by what its bootstrap printed; any other is inspected (one buildx spawn, which the
 * caller may run beside the build). An inspect that fails leaves them empty: they describe the builder, the
 * build does not depend on them. Never rejects.
 */
async function reportBuilder(step, buildx, builder) {
    let text = builder.inspected;
    if (text === undefined) {
        const answer = await buildx
            .run(['inspect', builder.name], { echo: false, allowFailure: true, env: builder.env })
            .catch(() => undefined);
        text = answer?.code === 0 ? answer.stdout : '';
    }
    const inspect = parseInspect(text);
    step.outputs.set('driver', inspect.driver);
    step.outputs.set('builder-platforms', builderPlatforms(inspect).join(','));
    step.outputs.set('nodes', JSON.stringify(inspect.nodes));
    step.outputs.set('endpoint', inspect.nodes[0]?.endpoint ?? '');
}
/** `version` (x.y.z) is known and older than `than` ([major, minor]). */
function olderThan(version, than) {
    const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
    return version !== undefined && (major < than[0] || (major === than[0] && minor < than[1]));
}
/**
 * One row per platform: what the registry holds for it, the node that built it (`nodes`, for a builder of
 * several), whether it was emulated, what the cache did.
 */
function platformRows(platforms, emulated, result, published, nodes = new Map()) {
    const names = platforms.map(model_platforms/* formatPlatform */.Bq);
    const digests = new Map((published?.manifest.manifests ?? [])
        .filter((d) => !(0,manifests/* isAttestation */.H3)(d))
        .map((d) => [(0,manifests/* descriptorPlatform */.fA)(d), d.digest]));
    const stats = cacheStats(result.stepsLog ?? result.log, names);
    const foreign = new Set(emulated.map(model_platforms/* formatPlatform */.Bq));
    return names.map((name) => ({
        platform: name,
        digest: digests.get(name),
        ...(nodes.has(name) ? { node: nodes.get(name) } : {}),
        emulated: foreign.has(name),
        ...stats.get(name),
    }));
}
function describeQemu(q) {
    if (q.method === 'off')
        return q.needed.length ? `off (emulation needed for ${q.needed.join(', ')})` : 'off';
    if (q.method === 'none')
        return 'not needed (every platform is native here)';
    if (q.method === 'present')
        return `already registered: ${q.needed.join(', ')}`;
    const how = q.method === 'host' ? 'host qemu-user-static' : 'binfmt image';
    const appeared = q.appeared.length
        ? `${q.appeared.join(', ')} registered meanwhile by another job on this host (used, not this run's)`
        : '';
    return [q.registered.length ? `registered ${q.registered.join(', ')} (${how})` : '', appeared]
        .filter(Boolean)
        .join('; ');
}

;// CONCATENATED MODULE: ./src/modes/build.ts
// mode: all and mode: build — QEMU → buildx → builder → cache → build → verify → outputs (→ handoff for a leg).
























/**
 * Builds every platform of mode all (published under tags) or of a matrix leg (pushed by digest, or to its
 * handoff tags on the docker driver, then handed off; with push: false, built only); fills `summary` and the
 * step's outputs. `store` replaces the Actions cache for a leg's handoff records. Throws ActionError.
 */
async function buildPlatforms(step, inputs, phases, summary, store) {
    const { ctx, outputs } = step;
    // Still input checking (paths, the Git context): before anything runs.
    const source = planSource(inputs, ctx);
    const needsEngine = !['remote', 'kubernetes'].includes(inputs.driver) || inputs.qemu === 'image';
    const engine = needsEngine ? await (0,buildx_engine/* probeEngine */.lt)(ctx, step.exec) : undefined;
    const pushRefused = (0,push_access/* checkTagsBeforeBuild */.p3)(step, inputs);
    const host = engine?.arch || (0,model_platforms/* hostArch */.LY)(ctx.arch);
    const platforms = inputs.platforms.length ? inputs.platforms : [(0,model_platforms/* parsePlatform */.FL)(`linux/${host}`)];
    const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(ctx.tempDir, 'multiarch-build-'));
    step.state.save('tempDir', tempDir);
    // QEMU first (a local check; buildx may have to be downloaded), for what the builder's own node builds.
    const qemu = await phases.run('qemu', 'QEMU emulation', () => setUpQemu(step, inputs, platforms, host));
    const here = localPlatforms(platforms, inputs.driver, inputs.append);
    const emulated = here.filter((p) => p.os === 'linux' && qemu.needed.includes((0,model_platforms/* qemuArch */.TT)(p)));
    outputs.set('qemu-platforms', emulated.map(model_platforms/* formatPlatform */.Bq).join(','));
    const buildx = await (0,buildx_buildx/* setUpBuildx */.ar)(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
    // Before the builder exists: post must remove it with the buildx that created it.
    step.state.save('buildx', buildx.binary ?? '');
    const builder = await phases.run('builder', 'Builder', () => setUpBuilder(step, buildx, inputs, platforms, tempDir, engine?.context));
    outputs.set('builder', builder.name);
    // The builder's outputs need an inspect when the builder was not started here: beside the build, not before.
    const described = reportBuilder(step, buildx, builder);
    const env = {
        ...builder.env,
        // The provenance blob in the metadata file costs time and is not what the metadata output is read for.
        BUILDX_METADATA_PROVENANCE: ctx.env.BUILDX_METADATA_PROVENANCE ?? 'disabled',
    };
    // call: check (outline, targets) builds no image: nothing to cache.
    const checking = inputs.call !== undefined && inputs.call !== 'build';
    const cache = await layerCache(step, buildx, checking ? { ...inputs, cache: 'off' } : inputs, platforms, env, builder);
    const restoredCache = cache.backend === 'local' ? await restoreLocalCache(step, cache) : undefined;
    const target = publishTarget(step, inputs, platforms);
    const registry = new client/* Registry */.O(step, buildx, env);
    const previous = await handoffTagsBefore(step, registry, inputs, platforms);
    const refused = await pushRefused;
    if (refused)
        throw refused;
    const title = `Building ${platforms.map(model_platforms/* formatPlatform */.Bq).join(', ')}`;
    let result = await phases
        .run('build', title, async () => {
        const metadataFile = (0,external_node_path_.join)(tempDir, 'metadata.json');
        const spec = {
            platforms,
            output: target.output,
            // Annotations exist only in OCI media types (a Docker manifest or list has no such field), at any level;
            // a leg is always OCI: the merge may annotate its index.
            oci: inputs.mode === 'build' || target.annotations.length > 0,
            annotations: target.annotations,
            cacheFrom: cache.from,
            cacheTo: cache.to,
            metadataFile,
            secretFiles: await writeSecretFiles(inputs, tempDir, source),
            source,
            attest: {
                builderId: `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}`,
                privateRepository: ctx.privateRepository,
                oldBuildKit: olderThan(builder.buildkitVersion, [0, 11]),
            },
        };
        return buildWatched(step, builder, (signal) => runBuilds(step, buildx, inputs, spec, env, signal));
    })
        .finally(() => described);
    // Exports run with ignore-error=true: only the build log tells whether the cache was written.
    const cached = cacheOutcome(cache, result.log, result.cacheRefused);
    const cacheFailed = cacheWarning(cached);
    if (cacheFailed)
        step.log.warning(cacheFailed);
    if (cache.backend === 'local' && !cached.error)
        await saveLocalCache(step, cache, restoredCache);
    // The build record is read while the registry is: two independent reads, neither waiting on the other.
    const bars = inputs.summary
        ? buildBars(buildx, result.metadata['buildx.build.ref'], platforms.map(model_platforms/* formatPlatform */.Bq), env, phases)
        : undefined;
    mergedDigestKnown(builder, result, target.output.kind === 'digest');
    const published = await build_verify(step, registry, inputs, platforms, target, result, phases);
    result = checkMerged(builder, result, published);
    if (bars) {
        const { builds, missing } = await bars;
        summary.builds = builds;
        summary.buildsMissing = missing;
    }
    const rows = platformRows(platforms, emulated, result, published, nodeOfPlatforms(platforms, builder));
    report(step, inputs, platforms, target, result, summary);
    outputs.set('cache', cacheOutput(cached, rows));
    summary.rows = rows;
    summary.facts.push(['Builder', describeBuilder(builder, inputs)]);
    summary.facts.push(['QEMU', describeQemu(qemu)]);
    summary.facts.push(['Cache', describeCache(cached)]);
    if (inputs.mode === 'build') {
        const leg = { platforms, emulated, digest: result.digest, pushed: inputs.push };
        const handoff = await phases.run('handoff', 'Handing the leg to the merge job', () => recordLeg(step, registry, inputs, leg, previous, store));
        reportHandoff(step, inputs, result.digest, handoff, summary);
    }
}
async function setUpQemu(step, inputs, platforms, host) {
    const needed = (0,model_platforms/* emulationNeeded */.mh)(localPlatforms(platforms, inputs.driver, inputs.append), host);
    // Saved before any record exists: post drops this run's use of the handlers even after a failure.
    const user = (0,qemu_users/* userId */.J3)(step.ctx);
    if (needed.length && inputs.qemu !== 'off')
        step.state.save('qemuUser', user);
    const run = { user, cleanup: inputs.qemuCleanup };
    const result = await ensureQemu(step, inputs.qemu, inputs.qemuImage, platforms, needed, run);
    if (result.registered.length && inputs.qemuCleanup)
        step.state.save('qemuRegistered', result.registered.join(','));
    step.log.info(describeQemu(result));
    return result;
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
    if (cache.warning)
        step.log.warning(cache.warning);
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


/***/ })

};
