export const id = 737;
export const ids = [737];
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

/***/ 2073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CL: () => (/* binding */ planBuildxDownload),
/* harmony export */   yk: () => (/* binding */ parseChecksums)
/* harmony export */ });
/* unused harmony export DEFAULT_BUILDX_URL */
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5507);

const DEFAULT_BUILDX_URL = 'https://github.com/docker/buildx/releases/download';
// Node's os names and arches → the suffixes docker/buildx release assets use.
const PLATFORMS = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
    freebsd: 'freebsd',
    openbsd: 'openbsd',
    netbsd: 'netbsd',
};
const ARCHES = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm-v7',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
};
const VERSION_RE = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;
/**
 * Where the buildx release `version` (v0.29.1 or 0.29.1) for this machine is downloaded from. `platform` and
 * `arch` are Node's names. Throws InputError naming buildx-version or buildx-url for what cannot be planned.
 */
function planBuildxDownload(opts) {
    const raw = opts.version.trim();
    if (raw.toLowerCase() === 'latest') {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('buildx-version', '"latest" is not supported: resolving it needs the GitHub API; pin a release such as v0.29.1');
    }
    const version = VERSION_RE.exec(raw)?.[1];
    if (!version)
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('buildx-version', `"${raw}" is not a release version like v0.29.1`);
    const os = PLATFORMS[opts.platform];
    if (!os)
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('buildx-version', `no buildx release binaries for platform ${opts.platform}`);
    const arch = ARCHES[opts.arch];
    if (!arch)
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('buildx-version', `no buildx release binaries for architecture ${opts.arch}`);
    const baseUrl = (opts.baseUrl?.trim() || DEFAULT_BUILDX_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('buildx-url', `"${baseUrl}" is not an http(s) URL`);
    }
    const assetName = `buildx-v${version}.${os}-${arch}${os === 'windows' ? '.exe' : ''}`;
    const dir = `${baseUrl}/v${version}`;
    return { version, assetName, binaryUrl: `${dir}/${assetName}`, checksumsUrl: `${dir}/checksums.txt` };
}
/**
 * The SHA-256 for `assetName` from a `sha256sum -b` listing (`<hex> *<name>`; older releases
 * wrote `<hex> <name>`). Undefined when the asset is not listed (darwin binaries never are).
 */
function parseChecksums(text, assetName) {
    for (const line of text.split(/\r?\n/)) {
        const m = /^([0-9a-fA-F]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
        if (m && m[2] === assetName)
            return m[1].toLowerCase();
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

/***/ 2215:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sb: () => (/* binding */ containerOptions),
/* harmony export */   g0: () => (/* binding */ splitFlags),
/* harmony export */   kW: () => (/* binding */ builderDriver),
/* harmony export */   vj: () => (/* binding */ driverOptFields)
/* harmony export */ });
/* harmony import */ var _registry_refs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(377);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5507);
// The builder's own node as a BuildKit container this step starts, for a builder `append` makes remote
// (buildx takes one driver per builder): which inputs shape that container, and how. Pure; every check
// here runs with the other input checks, before anything runs.


/** The driver buildx creates the step's builder with: remote when its own node is a container started here. */
const builderDriver = (inputs) => inputs.localNode ? 'remote' : inputs.driver;
/** The fields of one driver-opts entry, quotes removed; a field without `=` has value ''. */
function driverOptFields(opt) {
    const fields = [];
    let field = '';
    let quoted = false;
    for (const c of `${opt},`) {
        if (c === '"')
            quoted = !quoted;
        else if (c === ',' && !quoted) {
            const eq = field.indexOf('=');
            const key = (eq < 0 ? field : field.slice(0, eq)).trim();
            if (key)
                fields.push({ key, value: eq < 0 ? '' : field.slice(eq + 1).trim() });
            field = '';
        }
        else
            field += c;
    }
    return fields;
}
/** docker-container driver-opts that shape the container, and the `docker create` flag each becomes. */
const CONTAINER_FLAGS = {
    network: '--network',
    memory: '--memory',
    'memory-swap': '--memory-swap',
    'cpu-quota': '--cpu-quota',
    'cpu-period': '--cpu-period',
    'cpu-shares': '--cpu-shares',
    'cpuset-cpus': '--cpuset-cpus',
    'cgroup-parent': '--cgroup-parent',
    'restart-policy': '--restart',
};
const TAKES = `network, image, env.<NAME>, ${Object.keys(CONTAINER_FLAGS)
    .filter((k) => k !== 'network')
    .join(', ')}, default-load`;
/**
 * Reads the step's `driver-opts` as the BuildKit container for its own node takes them: network, image,
 * env.<NAME> and the resource limits of the docker-container driver become `docker create` flags,
 * default-load goes to the builder. Returns them. Throws InputError (driver-opts) on any other key, naming it.
 */
function containerOptions(driverOpts) {
    const options = { flags: [], builderOpts: [] };
    for (const opt of driverOpts) {
        for (const { key, value } of driverOptFields(opt)) {
            const fail = (why) => new _runner_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('driver-opts', `"${opt}": ${why}`);
            if (!value)
                throw fail(`${key} has no value (key=value)`);
            const flag = CONTAINER_FLAGS[key];
            if (flag)
                options.flags.push(`${flag}=${value}`);
            else if (key.startsWith('env.')) {
                const name = key.slice(4);
                if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
                    throw fail(`env.${name}: "${name}" is not an environment variable name`);
                options.flags.push(`--env=${name}=${value}`);
            }
            else if (key === 'image') {
                if (!(0,_registry_refs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(value))
                    throw fail(`image=${value} is not an image reference`);
                options.image = value;
            }
            else if (key === 'default-load')
                options.builderOpts.push(`default-load=${value}`);
            else
                throw fail(`${key} does not apply to the BuildKit container this step starts for its own node (it takes ${TAKES}); remove it`);
        }
    }
    return options;
}
/**
 * buildkitd-flags as the arguments of the container's buildkitd, split as a shell would (quotes and
 * backslashes; nothing is expanded). Throws InputError (buildkitd-flags) on an unclosed quote.
 */
function splitFlags(flags) {
    const args = [];
    let arg;
    let quote;
    for (let i = 0; i < flags.length; i++) {
        const c = flags[i];
        if (quote) {
            if (c === quote)
                quote = undefined;
            else if (c === '\\' && quote === '"' && /["\\$`]/.test(flags[i + 1] ?? ''))
                arg += flags[++i];
            else
                arg += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            arg ??= '';
        }
        else if (c === '\\' && i + 1 < flags.length)
            arg = (arg ?? '') + flags[++i];
        else if (/\s/.test(c)) {
            if (arg !== undefined)
                args.push(arg);
            arg = undefined;
        }
        else
            arg = (arg ?? '') + c;
    }
    if (quote)
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('buildkitd-flags', `has an unclosed ${quote} quote`);
    if (arg !== undefined)
        args.push(arg);
    return args;
}


/***/ }),

/***/ 3448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AJ: () => (/* binding */ CALL_METHODS),
/* harmony export */   Ji: () => (/* binding */ DEFAULT_BUILDKITD_FLAGS),
/* harmony export */   Kz: () => (/* binding */ BUILDER_KNOBS),
/* harmony export */   LX: () => (/* binding */ DEFAULT_BUILDKIT_IMAGE),
/* harmony export */   vr: () => (/* binding */ DEFAULT_QEMU_IMAGE)
/* harmony export */ });
const CALL_METHODS = ['build', 'check', 'outline', 'targets'];
/** The inputs that shape the builder this step creates (none applies to an existing `builder`). */
const BUILDER_KNOBS = [
    'driver-opts',
    'buildkitd-flags',
    'buildkitd-config',
    'buildkitd-config-inline',
    'buildkit-image',
    'endpoint',
    'append',
];
/** Pinned, not `latest`: users pin tonistiigi/binfmt because QEMU releases have regressed before. */
const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v9.2.2';
/** What buildx's docker-container driver runs when no image is given (setup-buildx-action's default too). */
const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
const DEFAULT_BUILDKITD_FLAGS = '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';


/***/ }),

/***/ 3062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/buildx/local-node.ts
var local_node = __webpack_require__(2852);
// EXTERNAL MODULE: ./src/buildx/remove.ts
var remove = __webpack_require__(3806);
// EXTERNAL MODULE: ./src/phases/binfmt.ts
var binfmt = __webpack_require__(7218);
// EXTERNAL MODULE: ./src/phases/qemu-users.ts
var qemu_users = __webpack_require__(9947);
;// CONCATENATED MODULE: ./src/phases/qemu-release.ts


function say(step, release, registered) {
    const { arch, others } = release;
    if (release.remove) {
        step.log.info(release.cleanupBy === 'this run'
            ? `Removing the QEMU handlers this run registered: ${arch}`
            : `Removing qemu-${arch}: registered by another run of this action that asked for qemu-cleanup, and no run on this host uses it any more`);
    }
    else if (release.cleanupBy && others) {
        const runs = others === 1 ? '1 other run' : `${others} other runs`;
        step.log.info(`Leaving qemu-${arch} registered: ${runs} of this action on this host still use${others === 1 ? 's' : ''} it (the last one to finish removes it)`);
    }
    else if (registered.includes(arch) && !release.cleanupBy) {
        step.log.info(`Leaving qemu-${arch} registered: it was re-registered meanwhile by another run`);
    }
}
/**
 * Releases the QEMU handlers run `user` used; `registered` are the ones it registered with qemu-cleanup
 * (from state). Without records (main could not keep them), removes `registered` as they are. Never
 * throws: problems are passed to `warn`.
 */
async function releaseQemu(step, user, registered, warn) {
    try {
        await (0,qemu_users/* withQemuLock */.CD)(step, async () => {
            const arches = user ? await (0,qemu_users/* archesUsedBy */.Hz)(step.ctx, user) : [];
            const uses = await Promise.all(arches.map((arch) => (0,qemu_users/* readUses */.NC)(step.ctx, arch)));
            const starts = await (0,qemu_users/* startsOf */.jb)(uses);
            for (const use of uses) {
                const present = (await (0,binfmt/* readHandler */.rm)(step, use.arch)) !== undefined;
                const release = (0,qemu_users/* planRelease */.F3)(user, use, present, starts);
                say(step, release, registered);
                if (release.remove) {
                    try {
                        await (0,binfmt/* removeHandler */.Vl)(step, use.arch);
                    }
                    catch (e) {
                        warn(`could not remove the qemu-${use.arch} handler: ${e.message}`);
                    }
                }
                await (0,qemu_users/* dropRecords */.gE)(step.ctx, use.arch, release.drop, release.remove || !present);
            }
            const unrecorded = registered.filter((a) => !arches.includes(a));
            if (unrecorded.length) {
                step.log.info(`Removing the QEMU handlers this run registered: ${unrecorded.join(', ')}`);
                for (const arch of unrecorded)
                    await (0,binfmt/* removeHandler */.Vl)(step, arch).catch((e) => warn(`could not remove the qemu-${arch} handler: ${e.message}`));
            }
        });
    }
    catch (e) {
        warn(`releasing the QEMU handlers failed: ${e.message}`);
    }
}

;// CONCATENATED MODULE: ./src/post.ts





const executable = (file) => {
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
};
/**
 * Removes what main created: its builder (with the buildx main used, saved in state) and the BuildKit
 * container it started for the builder's own node (with its volume), this run's use of the
 * host's QEMU handlers (removing those it registered with qemu-cleanup once no other run uses them), its
 * temp dir with any secret files. Tolerates any partial state and never fails the job: it warns.
 */
async function post(step) {
    const { state, log } = step;
    const builder = state.get('builder');
    if (builder)
        await (0,remove/* removeBuilder */.iq)(step, builder, state.get('buildx'), executable);
    const localNode = state.get('localNode');
    if (localNode)
        await (0,local_node/* removeLocalNode */.Eb)(step, localNode);
    const user = state.get('qemuUser');
    const registered = state.get('qemuRegistered').split(',').filter(Boolean);
    if (user || registered.length)
        await releaseQemu(step, user, registered, (m) => log.warning(`post: ${m}`));
    const tempDir = state.get('tempDir');
    if (tempDir)
        await (0,promises_.rm)(tempDir, { recursive: true, force: true }).catch((e) => log.warning(`post: ${e.message}`));
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

/***/ 377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   Y1: () => (/* binding */ normalizeRepository),
/* harmony export */   Z6: () => (/* binding */ isRepository),
/* harmony export */   dz: () => (/* binding */ isTag),
/* harmony export */   m: () => (/* binding */ miscasedHubName)
/* harmony export */ });
/* unused harmony export formatReference */
// Image reference grammar from the distribution spec, reduced to what tags and repositories need here.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REPOSITORY = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
function isRepository(name) {
    if (name.length > 255 || !REPOSITORY.test(name))
        return false;
    // A first component with no dot, colon or "localhost" is a Docker Hub path, not a domain; both parse alike.
    return true;
}
/**
 * The reference as it was meant when its first component has capitals but no dot or port and is not
 * localhost (`Tonistiigi/binfmt`): Docker reads such a component as a registry host, which a Docker Hub
 * namespace typed with a capital never is. Returns it lowercased (tag and digest kept), or undefined when the
 * name has no such component.
 */
function miscasedHubName(text) {
    const slash = text.indexOf('/');
    const first = slash < 0 ? '' : text.slice(0, slash);
    if (!first || /[.:]/.test(first) || first === first.toLowerCase())
        return undefined;
    const rest = text.slice(slash + 1);
    const end = rest.search(/[:@]/);
    const path = end < 0 ? rest : rest.slice(0, end);
    return `${first.toLowerCase()}/${path.toLowerCase()}${end < 0 ? '' : rest.slice(end)}`;
}
const isTag = (tag) => TAG.test(tag);
const isDigest = (digest) => DIGEST.test(digest);
/** Splits `repo[:tag][@digest]`; undefined when it is not a valid reference. */
function parseReference(text) {
    let rest = text.trim();
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!isDigest(digest))
            return undefined;
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!isTag(tag))
            return undefined;
    }
    if (!isRepository(rest))
        return undefined;
    return { repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
/**
 * The repository as the registry knows it: Docker Hub names spelled out (`acme/app`, `docker.io/acme/app`
 * and `index.docker.io/acme/app` are `docker.io/acme/app`; a one-word name is under `library/`). A first
 * component with a dot or a port, or `localhost`, is a registry; anything else is a Docker Hub path.
 */
function normalizeRepository(repository) {
    const slash = repository.indexOf('/');
    const first = slash < 0 ? '' : repository.slice(0, slash);
    const isDomain = first !== '' && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
    let domain = isDomain ? first : 'docker.io';
    let path = isDomain ? repository.slice(slash + 1) : repository;
    if (domain === 'index.docker.io' || domain === 'registry-1.docker.io')
        domain = 'docker.io';
    if (domain === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    return `${domain}/${path}`;
}
/** Two repository names (or references) that name one repository (see normalizeRepository). */
function sameRepository(a, b) {
    const repo = (s) => normalizeRepository(parseReference(s)?.repository ?? s);
    return repo(a) === repo(b);
}
function formatReference(ref) {
    return `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}


/***/ }),

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ errorLine),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/** A failure the user can act on: which phase failed and, when one input is the fix, which. */
class ActionError extends Error {
    phase;
    input;
    constructor(phase, message, input) {
        super(message);
        this.phase = phase;
        this.input = input;
        this.name = 'ActionError';
    }
    /** The one line that ends a failed run. */
    get line() {
        return `${this.phase}: ${this.message}`;
    }
}
/** A bad input, found before anything runs: `inputs: <input>: <what is wrong and the fix>`. */
class InputError extends ActionError {
    constructor(input, message) {
        super('inputs', `${input}: ${message}`, input);
        this.name = 'InputError';
    }
}
/** The one line a failed run ends with, for any error. */
function errorLine(error) {
    if (error instanceof ActionError)
        return error.line;
    return error instanceof Error ? error.message : String(error);
}


/***/ })

};
