export const id = 661;
export const ids = [661];
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

/***/ 3065:
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
/** Node's process.arch name (x64) → GOARCH (amd64). */
function hostArch(nodeArch) {
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


/***/ }),

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _buildx_buildx_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1826);
/* harmony import */ var _buildx_plugin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9537);
/* harmony import */ var _exec_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2568);
/* harmony import */ var _phases_qemu_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3490);





/**
 * Removes what main created: its builder (with the buildx main used), the QEMU handlers it registered (only
 * with qemu-cleanup), its temp dir with any secret files. Tolerates any partial state and never fails the
 * job: it warns.
 */
async function post(step) {
    const { state, log } = step;
    const builder = state.get('builder');
    if (builder) {
        // A state from before the buildx key was saved (or none saved): the plugin, as the docker CLI finds it.
        const binary = state.get('buildx') || (0,_buildx_plugin_js__WEBPACK_IMPORTED_MODULE_2__/* .findBuildxPlugin */ .l)(step.ctx.dockerConfig);
        const result = await (0,_buildx_buildx_js__WEBPACK_IMPORTED_MODULE_1__/* .buildxHandle */ .Dy)(step.exec, binary)
            .run(['rm', builder], { allowFailure: true })
            .catch((e) => ({ code: 1, stdout: '', stderr: (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .errorText */ .kc)(e) }));
        if (result.code !== 0 && !/not found|no builder/i.test(result.stderr)) {
            log.warning(`post: could not remove builder ${builder}: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLine */ .fM)(result.stderr)}`);
        }
    }
    const handlers = state.get('qemuRegistered').split(',').filter(Boolean);
    if (handlers.length) {
        log.info(`Removing the QEMU handlers this run registered: ${handlers.join(', ')}`);
        await (0,_phases_qemu_js__WEBPACK_IMPORTED_MODULE_4__/* .removeHandlers */ .CY)(step, handlers, (m) => log.warning(`post: ${m}`));
    }
    const tempDir = state.get('tempDir');
    if (tempDir)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(tempDir, { recursive: true, force: true }).catch((e) => log.warning(`post: ${e.message}`));
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
