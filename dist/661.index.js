export const id = 661;
export const ids = [661];
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

/***/ 3916:
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
class InputError extends ActionError {
    constructor(input, message) {
        super('inputs', `${input}: ${message}`, input);
        this.name = 'InputError';
    }
}
function errorLine(error) {
    if (error instanceof ActionError)
        return error.line;
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 3190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   R0: () => (/* binding */ isUnreachable),
/* harmony export */   at: () => (/* binding */ killChildren),
/* harmony export */   cI: () => (/* binding */ ExecError),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   fM: () => (/* binding */ lastLine),
/* harmony export */   kc: () => (/* binding */ errorText),
/* harmony export */   m0: () => (/* binding */ exec),
/* harmony export */   rB: () => (/* binding */ useBuildxBinary)
/* harmony export */ });
/* unused harmony exports resolveCommand, cancelled, CancelledError, childEnv, MAX_RETRY_AFTER_MS, retryAfterMs, sleep, backoffMs, errorIsTransient */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3838);


/** Where `buildx` runs from: the docker CLI plugin, or a standalone binary from `buildx-version`. */
let buildxBinary;
function useBuildxBinary(path) {
    buildxBinary = path;
}
/** The command actually spawned for a `docker …` argv. */
function resolveCommand(argv) {
    if (argv[0] === 'docker' && argv[1] === 'buildx' && buildxBinary)
        return [buildxBinary, argv.slice(2)];
    return [argv[0], argv.slice(1)];
}
const running = new Set();
/** Pending retry waits: cancellation ends them at once (a registry may ask for up to a minute). */
const sleepers = new Set();
let cancelledBy;
/**
 * On cancellation the runner signals the action; take the children down with it (buildx, run directly or
 * through the docker CLI, cancels the build on the signal). From then on nothing new is spawned and nothing
 * is retried: a retry loop must not start a fresh build or bootstrap after the job was cancelled.
 */
function killChildren(signal = 'SIGTERM') {
    cancelledBy ??= signal;
    for (const child of running)
        child.kill(signal);
    for (const wake of [...sleepers])
        wake();
}
const cancelled = () => cancelledBy !== undefined;
class CancelledError extends Error {
    /** `what` was about to happen: a command, or a retry. */
    constructor(what) {
        super(`cancelled (${cancelledBy ?? 'signal'}) before ${what}`);
        this.name = 'CancelledError';
    }
}
/**
 * The environment children get: the action's own, minus the runner's INPUT_* variables. Those hold every
 * input as given (`secrets` values included) and no tool reads them.
 */
function childEnv(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env))
        if (!k.startsWith('INPUT_'))
            env[k] = v;
    return { ...env, ...extra };
}
class ExecError extends Error {
    argv;
    result;
    constructor(argv, result) {
        super(`${argv.slice(0, 3).join(' ')} exited ${result.code}: ${lastLine(result.stderr || result.stdout)}`);
        this.argv = argv;
        this.result = result;
        this.name = 'ExecError';
    }
}
/** The last meaningful line of a tool's output: what a one-line failure reason quotes. */
function lastLine(text) {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^-+$/.test(l));
    const error = [...lines].reverse().find((l) => /^(ERROR|error)\b|failed to|: error/.test(l));
    return (error ?? lines.at(-1) ?? '').replace(/^ERROR:\s*/, '');
}
function exec(argv, options = {}) {
    const [file, args] = resolveCommand(argv);
    const echo = options.echo ?? true;
    if (echo)
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`[command] ${argv.join(' ')}`);
    if (cancelled())
        return Promise.reject(new CancelledError(`${argv.slice(0, 3).join(' ')} could run`));
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            env: childEnv(options.env),
            stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        });
        running.add(child);
        const out = [];
        const err = [];
        child.stdout?.on('data', (chunk) => {
            out.push(chunk);
            if (echo)
                process.stdout.write(chunk);
        });
        child.stderr?.on('data', (chunk) => {
            err.push(chunk);
            if (echo)
                process.stdout.write(chunk);
        });
        if (options.input !== undefined)
            child.stdin?.end(options.input);
        child.on('error', (e) => {
            running.delete(child);
            reject(e.code === 'ENOENT' ? new Error(`${file} not found on PATH`) : e);
        });
        child.on('close', (code, signal) => {
            running.delete(child);
            const result = {
                code: code ?? (signal ? 128 : 1),
                stdout: Buffer.concat(out).toString(),
                stderr: Buffer.concat(err).toString(),
            };
            if (result.code !== 0 && !options.allowFailure)
                reject(new ExecError(argv, result));
            else
                resolve(result);
        });
    });
}
/** Registry hiccups worth another try; a 4xx other than 429 will not change and is not retried. */
function isTransient(text) {
    return /\b(50[0-4]|429)\b|too many requests|toomanyrequests|service unavailable|bad gateway|gateway timeout|i\/o timeout|tls handshake timeout|connection reset|connection refused|timed out|Client\.Timeout exceeded|broken pipe|\bEOF\b|context deadline exceeded/i.test(text);
}
/** The registry could not be reached at all (as opposed to answering with an error status). */
function isUnreachable(text) {
    return /failed to do request|connection reset|connection refused|no such host|i\/o timeout|tls handshake timeout|\bEOF\b|broken pipe|network is unreachable/i.test(text);
}
/** Longest wait a registry's retry hint may impose on one retry. */
const MAX_RETRY_AFTER_MS = 60_000;
/**
 * A wait the registry asked for, when the tool's error text carries it. buildx never prints the
 * Retry-After header (only the status line), but it does print the error body of a failed GET, where
 * registries may say `retry after 30s` / `Retry-After: 30`.
 */
function retryAfterMs(text) {
    const m = /retry[- ]after:?\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec|seconds?)?\b/i.exec(text);
    if (!m)
        return undefined;
    const ms = /^m/i.test(m[2] ?? '') ? Number(m[1]) : Number(m[1]) * 1000;
    return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS);
}
/** Waits `ms`, or less if the job is cancelled meanwhile. */
const sleep = (ms) => new Promise((resolve) => {
    const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
    if (cancelled())
        wake();
});
/** Exponential backoff with ±25 % jitter, so legs failing together do not retry in lockstep. */
function backoffMs(baseMs, attempt, random = Math.random()) {
    return Math.round(baseMs * 2 ** (attempt - 1) * (0.75 + random * 0.5));
}
/**
 * Runs `fn` again after transient failures, with exponential backoff and jitter, at most `attempts` times
 * in all; logs each retry as a warning. A retry hint in the error text (see retryAfterMs) lengthens the
 * wait. Never retries once the job is being cancelled.
 */
async function retry(policy, fn, transient = errorIsTransient) {
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (e) {
            if (attempt >= policy.attempts || !transient(e))
                throw e;
            if (cancelled())
                throw new CancelledError(`retrying ${policy.what} (${errorText(e)})`);
            const backoff = backoffMs(policy.baseMs, attempt);
            const asked = retryAfterMs(fullErrorText(e));
            const delay = Math.max(backoff, asked ?? 0);
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(`${policy.what} failed (${errorText(e)}); retry ${attempt}/${policy.attempts - 1} in ${delay} ms${asked !== undefined && asked >= backoff ? ` (the registry asked for ${asked / 1000} s)` : ''}`);
            await sleep(delay);
            if (cancelled())
                throw new CancelledError(`retrying ${policy.what} (${errorText(e)})`);
        }
    }
}
function errorText(e) {
    return e instanceof ExecError
        ? lastLine(e.result.stderr || e.result.stdout)
        : String(e?.message ?? e);
}
const fullErrorText = (e) => e instanceof ExecError ? `${e.result.stderr}\n${e.result.stdout}` : String(e?.message ?? e);
const errorIsTransient = (e) => e instanceof ExecError && isTransient(fullErrorText(e));


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   DN: () => (/* binding */ platformSlug),
/* harmony export */   FL: () => (/* binding */ parsePlatform),
/* harmony export */   LY: () => (/* binding */ hostArch),
/* harmony export */   TT: () => (/* binding */ qemuArch),
/* harmony export */   mh: () => (/* binding */ emulationNeeded)
/* harmony export */ });
/* unused harmony export nativeArches */
const OSES = new Set(['linux', 'windows']);
/** GOARCH → the name QEMU and the binfmt_misc handler use for it. */
const QEMU_ARCH = {
    amd64: 'x86_64',
    arm64: 'aarch64',
    arm: 'arm',
    '386': 'i386',
    ppc64le: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
    mips64le: 'mips64el',
    mips64: 'mips64',
    loong64: 'loongarch64',
};
const ARCH_ALIASES = {
    x86_64: { os: '', arch: 'amd64' },
    'x86-64': { os: '', arch: 'amd64' },
    aarch64: { os: '', arch: 'arm64' },
    armhf: { os: '', arch: 'arm', variant: 'v7' },
    armel: { os: '', arch: 'arm', variant: 'v6' },
    i386: { os: '', arch: '386' },
    i686: { os: '', arch: '386' },
};
const VARIANTS = {
    arm: ['v5', 'v6', 'v7', 'v8'],
    arm64: ['v8', 'v9'],
    amd64: ['v1', 'v2', 'v3', 'v4'],
};
/** Parses and normalises like containerd: linux/arm64/v8 → linux/arm64, linux/arm → linux/arm/v7. */
function parsePlatform(text) {
    const parts = text.trim().toLowerCase().split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
        throw new Error(`"${text}" is not os/arch[/variant] (e.g. linux/arm64, linux/arm/v7)`);
    }
    const [os, rawArch, rawVariant] = parts;
    if (!OSES.has(os))
        throw new Error(`unknown os "${os}" in "${text}" (use linux or windows)`);
    const alias = ARCH_ALIASES[rawArch];
    const arch = alias?.arch ?? rawArch;
    if (!(arch in QEMU_ARCH)) {
        throw new Error(`unknown architecture "${rawArch}" in "${text}" (known: ${Object.keys(QEMU_ARCH).join(', ')})`);
    }
    let variant = rawVariant ?? alias?.variant;
    if (variant && /^\d+$/.test(variant))
        variant = `v${variant}`;
    if (variant && !VARIANTS[arch]?.includes(variant)) {
        throw new Error(`unknown variant "${variant}" for ${arch} in "${text}"`);
    }
    if (arch === 'arm' && !variant)
        variant = 'v7';
    if ((arch === 'arm64' && variant === 'v8') || (arch === 'amd64' && variant === 'v1'))
        variant = undefined;
    return variant ? { os, arch, variant } : { os, arch };
}
function formatPlatform(p) {
    return p.variant ? `${p.os}/${p.arch}/${p.variant}` : `${p.os}/${p.arch}`;
}
/** A name fit for tags, cache scopes and keys: linux/arm/v7 → linux-arm-v7 (arm/v6 and arm/v7 stay apart). */
function platformSlug(p) {
    return formatPlatform(p).replace(/\//g, '-');
}
function qemuArch(p) {
    return QEMU_ARCH[p.arch];
}
/** Node's process.arch → GOARCH. */
function hostArch(nodeArch = process.arch) {
    const map = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le', loong64: 'loong64' };
    return map[nodeArch] ?? nodeArch;
}
/**
 * Architectures a host runs without emulation. arm64 hosts are not assumed to run 32-bit arm: many
 * (GitHub's arm64 runners among them) lack AArch32, and a handler on a host that has it is merely slower.
 */
function nativeArches(host) {
    if (host === 'amd64')
        return ['amd64', '386'];
    return [host];
}
/** The QEMU handlers (by qemu arch name) the platforms need on this host, in a stable order. */
function emulationNeeded(platforms, host) {
    const native = new Set(nativeArches(host));
    const needed = platforms.filter((p) => p.os === 'linux' && !native.has(p.arch)).map(qemuArch);
    return [...new Set(needed)].sort();
}


/***/ }),

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _buildx_plugin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(335);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3190);
/* harmony import */ var _qemu_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4803);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2462);






/**
 * Removes what main created: its builder, the QEMU handlers it registered (only with qemu-cleanup), its
 * temp dir with any secret files. Tolerates any partial state and never fails the job: it warns.
 */
async function post() {
    const builder = (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .getState */ .Gu)('builder');
    if (builder) {
        (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .useBuildxBinary */ .rB)((0,_buildx_plugin_js__WEBPACK_IMPORTED_MODULE_2__/* .findBuildxPlugin */ .l)());
        const result = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(['docker', 'buildx', 'rm', builder], { allowFailure: true }).catch((e) => ({
            code: 1,
            stdout: '',
            stderr: e.message,
        }));
        if (result.code !== 0 && !/not found|no builder/i.test(result.stderr)) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`post: could not remove builder ${builder}: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLine */ .fM)(result.stderr)}`);
        }
    }
    const handlers = (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .getState */ .Gu)('qemuRegistered').split(',').filter(Boolean);
    if (handlers.length) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Removing the QEMU handlers this run registered: ${handlers.join(', ')}`);
        await (0,_qemu_js__WEBPACK_IMPORTED_MODULE_4__/* .removeHandlers */ .CY)(handlers, (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`post: ${m}`));
    }
    const tempDir = (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .getState */ .Gu)('tempDir');
    if (tempDir)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tempDir, { recursive: true, force: true }).catch((e) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`post: ${e.message}`));
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
