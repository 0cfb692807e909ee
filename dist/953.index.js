export const id = 953;
export const ids = [953];
export const modules = {

/***/ 8268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y8: () => (/* binding */ contextHost),
/* harmony export */   lt: () => (/* binding */ probeEngine),
/* harmony export */   uC: () => (/* binding */ dockerEndpoint)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);





const DEFAULT_HOST = 'unix:///var/run/docker.sock';
const readJson = (readFile, path) => {
    try {
        return JSON.parse(readFile(path));
    }
    catch {
        return undefined;
    }
};
/**
 * The Docker host of docker context `name` in the context store of `dockerConfig` (where `docker context
 * create` writes it), or undefined when there is no such context. `default` is not in the store (it is the
 * engine of DOCKER_HOST, or the local socket): callers treat it apart. Reads files; throws nothing.
 */
function contextHost(dockerConfig, name, readFile = (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path, 'utf8')) {
    const id = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(name).digest('hex');
    const meta = readJson(readFile, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dockerConfig, 'contexts', 'meta', id, 'meta.json'));
    return meta?.Endpoints?.docker?.Host || undefined;
}
/**
 * The engine the docker CLI would talk to, found as it finds it: DOCKER_HOST (the `default` context), else
 * DOCKER_CONTEXT, else the current context of the docker config (`docker context use`), else `default`. A
 * named context's endpoint is read from the config's context store. Throws ActionError (phase engine)
 * when that context does not exist.
 */
function dockerEndpoint(ctx, readFile = (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path, 'utf8')) {
    if (ctx.dockerHost)
        return { context: 'default', host: ctx.dockerHost };
    const current = readJson(readFile, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(ctx.dockerConfig, 'config.json'))?.currentContext;
    const context = ctx.dockerContext ?? (typeof current === 'string' && current ? current : 'default');
    if (context === 'default')
        return { context, host: DEFAULT_HOST };
    const host = contextHost(ctx.dockerConfig, context, readFile);
    if (!host) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('engine', `docker context "${context}" is not in ${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(ctx.dockerConfig, 'contexts')} (${ctx.dockerContext ? 'DOCKER_CONTEXT' : 'the docker config'} selects it); create it, or select another with docker context use`);
    }
    return { context, host };
}
function getVersion(socketPath) {
    return new Promise((resolve, reject) => {
        const req = (0,node_http__WEBPACK_IMPORTED_MODULE_2__.request)({ socketPath, path: '/version', timeout: 5000 }, (res) => {
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
 * Asks the engine the docker CLI would use (see dockerEndpoint) for its version and architecture (GOARCH):
 * straight over the socket when it is a local one (no process spawned), else through the docker CLI.
 * Returns them with the context's name. Throws ActionError (phase engine) when no engine answers.
 */
async function probeEngine(ctx, exec) {
    const endpoint = dockerEndpoint(ctx);
    try {
        if (endpoint.host.startsWith('unix://')) {
            const v = await getVersion(endpoint.host.slice('unix://'.length));
            return { arch: v.Arch, version: v.Version, context: endpoint.context };
        }
        const { stdout } = await exec.run(['docker', 'version', '--format', '{{.Server.Arch}} {{.Server.Version}}'], { echo: false });
        const [arch = '', version = ''] = stdout.trim().split(' ');
        return { arch, version, context: endpoint.context };
    }
    catch (e) {
        const reason = e.message.split('\n')[0];
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('engine', endpoint.context === 'default'
            ? `no Docker engine answered (${reason}); start dockerd or point DOCKER_HOST at a running engine`
            : `no Docker engine answered at ${endpoint.host}, the endpoint of docker context ${endpoint.context} (${reason}); start it, or select another engine with docker context use or DOCKER_HOST`);
    }
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

/***/ 7193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ endpointProblem),
/* harmony export */   Ax: () => (/* binding */ tlsSources),
/* harmony export */   HT: () => (/* binding */ driverOptValue),
/* harmony export */   KX: () => (/* binding */ tlsEnvName),
/* harmony export */   hk: () => (/* binding */ readAppend)
/* harmony export */ });
/* unused harmony exports driverOptKeys, buildkitOnly, checkAppend */
/* harmony import */ var _builder_checks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4814);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _model_platforms_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3065);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5507);
/* harmony import */ var _local_node_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2215);
// `append`: BuildKit nodes added to the step's builder, in setup-buildx-action's grammar: a YAML list of
// `name`, `endpoint`, `platforms`, `driver-opts` (a list), `buildkitd-flags`. Every node is checked here,
// before anything runs; the YAML parser itself is loaded only when the input is set.





const KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags'];
const TLS_KEYS = ['cacert', 'cert', 'key'];
const NODE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const EXAMPLE = 'e.g. "- name: arm64\\n  endpoint: tcp://arm-builder:1234\\n  platforms: linux/arm64"';
/** setup-buildx-action's variables for a node's TLS material (PEM): index 0 is the builder's own node. */
const tlsEnvName = (index, key) => `BUILDER_NODE_${index}_AUTH_TLS_${key.toUpperCase()}`;
/** The keys of one `--driver-opt` value, which buildx reads as CSV (`k=v,k2="v,2"`). */
const driverOptKeys = (opt) => (0,_local_node_js__WEBPACK_IMPORTED_MODULE_4__/* .driverOptFields */ .vj)(opt).map((f) => f.key);
/** The value of `key` among driver-opts (last one wins, as buildx), or undefined. */
function driverOptValue(opts, key) {
    let value;
    for (const opt of opts)
        for (const part of opt.split(','))
            if (part.trim().startsWith(`${key}=`))
                value = part.slice(part.indexOf('=') + 1).replace(/^"|"$/g, '');
    return value;
}
/**
 * Where a node's TLS material comes from: driver-opts (file paths, which must exist) or the environment
 * (PEM in BUILDER_NODE_<index>_AUTH_TLS_*, as setup-buildx-action reads them). Returns the keys to take
 * from the environment. Throws InputError (`input`, naming `who`) on a key given both ways, a cert without
 * its key, a missing file, or TLS for an endpoint that is not tcp:// on driver: remote.
 */
function tlsSources(who, driver, endpoint, driverOpts, env) {
    const fail = (m) => new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(who.input, `${who.what}: ${m}`);
    const inOpts = new Set(driverOpts.flatMap(driverOptKeys));
    const tcp = endpoint?.startsWith('tcp://') ?? false;
    const fromEnv = TLS_KEYS.filter((k) => tcp && (env[tlsEnvName(who.index, k)] ?? '') !== '');
    for (const key of TLS_KEYS.filter((k) => inOpts.has(k))) {
        if (driver !== 'remote' || !tcp)
            throw fail(`${key}= is a TLS option of a tcp:// BuildKit address, and ${endpoint ? `${endpoint} is not one` : 'this node has no endpoint'}${driver === 'remote' ? '' : ` (with driver: ${driver}, a Docker engine or a kubernetes node)`}; remove it`);
        if (fromEnv.includes(key))
            throw fail(`${key} is set both in driver-opts and in ${tlsEnvName(who.index, key)}; keep one`);
        const file = driverOptValue(driverOpts, key) ?? '';
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
            throw fail(`${key}=${file} does not exist on this runner`);
    }
    const has = (k) => inOpts.has(k) || fromEnv.includes(k);
    if (has('cert') !== has('key'))
        throw fail(`a client certificate needs both cert and key (only ${has('cert') ? 'cert' : 'key'} is set)`);
    return fromEnv;
}
/** An endpoint `driver` can take, or the reason it cannot. Pure. */
function endpointProblem(driver, endpoint) {
    if (driver === 'remote') {
        if (!endpoint)
            return 'driver: remote needs the BuildKit address as endpoint, e.g. tcp://arm-builder:1234';
        if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(endpoint))
            return `endpoint "${endpoint}" is not a BuildKit address (tcp://host:port, unix://…, docker-container://…)`;
        if (endpoint.startsWith('tcp://') && !/^tcp:\/\/(\[[^\]]+\]|[^:/]+):\d+\/?$/.test(endpoint))
            return `endpoint "${endpoint}" needs a host and port, e.g. tcp://arm-builder:1234`;
        return undefined;
    }
    if (driver === 'kubernetes') {
        return endpoint && !/^[a-zA-Z0-9][a-zA-Z0-9_.+@-]*$/.test(endpoint)
            ? `endpoint "${endpoint}" is not a kubernetes context name`
            : undefined;
    }
    if (endpoint &&
        !/^[a-zA-Z0-9][a-zA-Z0-9_.+@-]*$/.test(endpoint) &&
        !/^(unix|tcp|ssh|npipe|fd):\/\/\S+$/.test(endpoint))
        return `endpoint "${endpoint}" is neither a docker context name nor a Docker host (ssh://user@host, tcp://host:2376, unix://…)`;
    return undefined;
}
function text(value, what, fail) {
    if (value === undefined || value === null)
        return undefined;
    if (typeof value === 'string')
        return value.trim() || undefined;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    throw fail(`${what} is a ${Array.isArray(value) ? 'list' : 'mapping'}; give it as a string`);
}
function platformsOf(value, fail) {
    const items = Array.isArray(value)
        ? value.map((v) => text(v, 'a platform', fail) ?? '')
        : [text(value, 'platforms', fail) ?? ''];
    const names = items
        .flatMap((s) => s.split(/[,\n]/))
        .map((s) => s.trim())
        .filter(Boolean);
    if (!names.length)
        throw fail('has no platforms; say which platforms it builds natively, e.g. platforms: linux/arm64');
    return names.map((n) => {
        try {
            return (0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_2__/* .parsePlatform */ .FL)(n);
        }
        catch (e) {
            throw fail(`platforms: ${e.message}`);
        }
    });
}
function driverOptsOf(value, fail) {
    if (value === undefined || value === null)
        return [];
    // A string is taken one option per line: a block scalar is a common slip for setup-buildx-action's list.
    const items = Array.isArray(value)
        ? value.map((v) => text(v, 'a driver-opts entry', fail) ?? '')
        : (text(value, 'driver-opts', fail) ?? '').split('\n');
    const opts = items.map((s) => s.trim()).filter(Boolean);
    for (const opt of opts)
        if (!driverOptKeys(opt).length || !opt.includes('='))
            throw fail(`driver-opts entry "${opt}" is not key=value (e.g. nodeselector=kubernetes.io/arch=arm64)`);
    return opts;
}
/**
 * Why an appended node can only be a BuildKit daemon, or undefined: a docker-container:// address, or a
 * tcp:// one with TLS files (cacert/cert/key driver-opts, BUILDER_NODE_<n>_AUTH_TLS_*), which only BuildKit
 * takes. Without them a tcp:// endpoint on the docker-container driver is a Docker engine, as in
 * setup-buildx-action. `item` is the raw YAML entry, read leniently (checkAppend checks it in full).
 */
function buildkitOnly(item, index, env) {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
        return undefined;
    const fields = item;
    const endpoint = typeof fields.endpoint === 'string' ? fields.endpoint.trim() : '';
    if (endpoint.startsWith('docker-container://'))
        return endpoint;
    if (!endpoint.startsWith('tcp://'))
        return undefined;
    const raw = fields['driver-opts'];
    const opts = (Array.isArray(raw) ? raw : [raw]).filter((o) => typeof o === 'string');
    const keys = new Set(opts.flatMap((o) => o.split('\n')).flatMap(driverOptKeys));
    const tls = TLS_KEYS.some((k) => keys.has(k) || (env[tlsEnvName(index, k)] ?? '') !== '');
    return tls ? `${endpoint} with TLS files` : undefined;
}
const BUILDKIT_ADDRESS = /^(tcp|unix|docker-container):\/\//;
/**
 * Checks the parsed `append` document against the builder the other inputs ask for. `doc` is what the YAML
 * parser returned. On the docker-container driver, a node that can only be a BuildKit daemon (buildkitOnly)
 * makes the builder remote, with its own node a BuildKit container this step starts (`localNode`); every
 * node must then be a BuildKit address. Returns the nodes in order. Throws InputError (input append) naming
 * the node.
 */
function checkAppend(doc, inputs, env) {
    if (doc === null || doc === undefined)
        return { nodes: [], localNode: false };
    if (!Array.isArray(doc))
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('append', `is a YAML list of nodes, ${EXAMPLE}`);
    const names = new Map();
    const declared = new Map();
    const label = (i, name) => (name ? `node "${name}"` : `node ${i + 1}`);
    const certain = doc.findIndex((item, i) => buildkitOnly(item, i + 1, env) !== undefined);
    if (inputs.driver === 'docker-container' && inputs.endpoint && certain >= 0) {
        const item = doc[certain];
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('append', `${label(certain, typeof item.name === 'string' ? item.name : undefined)} is a BuildKit daemon (${buildkitOnly(item, certain + 1, env)}), but endpoint "${inputs.endpoint}" makes the builder's own node a Docker engine and buildx takes one driver per builder; remove endpoint (this step then runs its own node in a BuildKit container), or set driver: remote with a BuildKit address as endpoint`);
    }
    const localNode = inputs.driver === 'docker-container' && !inputs.endpoint && certain >= 0;
    const driver = localNode ? 'remote' : inputs.driver;
    const why = () => {
        const item = doc[certain];
        const name = typeof item.name === 'string' ? item.name : undefined;
        return `${label(certain, name)} is a BuildKit daemon (${buildkitOnly(item, certain + 1, env)}), so this step runs its own node in a BuildKit container and the builder's driver is remote; buildx takes one driver per builder`;
    };
    const nodes = doc.map((item, i) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item))
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('append', `${label(i)} is not a mapping of name, endpoint, platforms, driver-opts, buildkitd-flags (${EXAMPLE})`);
        const fields = item;
        let fail = (m) => new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('append', `${label(i)}: ${m}`);
        const name = text(fields.name, 'name', fail);
        fail = (m) => new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('append', `${label(i, name)}: ${m}`);
        const unknown = Object.keys(fields).filter((k) => !KEYS.includes(k));
        if (unknown.length)
            throw fail(`unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (a node has ${KEYS.join(', ')})`);
        if (name !== undefined) {
            if (!NODE_NAME.test(name))
                throw fail('name may hold letters, digits, _ . and - only');
            const first = names.get(name);
            if (first !== undefined)
                throw fail(`name is also node ${first + 1}'s; give each node its own name`);
            names.set(name, i);
        }
        const endpoint = text(fields.endpoint, 'endpoint', fail);
        if (localNode && !BUILDKIT_ADDRESS.test(endpoint ?? ''))
            throw fail(`${endpoint ? `"${endpoint}" is a Docker engine` : 'has no endpoint'}, but ${why()}: give every node a BuildKit address (tcp://, unix://, docker-container://), or build on Docker engines in another step`);
        const problem = endpointProblem(driver, endpoint);
        if (problem)
            throw fail(problem);
        const platforms = platformsOf(fields.platforms, fail);
        for (const p of platforms) {
            const other = declared.get((0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(p));
            if (other !== undefined)
                throw fail(`${(0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(p)} is also declared by ${other}; buildx would build it on the first only`);
            declared.set((0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(p), label(i, name));
        }
        const driverOpts = driverOptsOf(fields['driver-opts'], fail);
        const buildkitdFlags = text(fields['buildkitd-flags'], 'buildkitd-flags', fail);
        if (buildkitdFlags && driver === 'remote')
            throw fail(`buildkitd-flags cannot apply to ${localNode ? 'a running BuildKit daemon' : 'driver: remote'} (its host starts BuildKit); remove it`);
        const who = { input: 'append', what: label(i, name), index: i + 1 };
        const tlsFromEnv = tlsSources(who, driver, endpoint, driverOpts, env);
        return {
            ...(name ? { name } : {}),
            ...(endpoint ? { endpoint } : {}),
            platforms,
            driverOpts,
            ...(buildkitdFlags ? { buildkitdFlags } : {}),
            tlsFromEnv,
        };
    });
    return { nodes, localNode };
}
/**
 * Reads `append` (if set) with the YAML parser, loaded only then, and checks it (checkAppend). Returns the
 * inputs with `append` and `localNode` filled. Throws InputError (input append) on YAML that does not parse
 * or a bad node, (driver-opts, buildkitd-flags) on what the step's own BuildKit container cannot take.
 */
async function readAppend(get, inputs, env) {
    const source = get('append');
    if (!source)
        return inputs;
    const { parse } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
    let doc;
    try {
        doc = parse(source);
    }
    catch (e) {
        const line = e.linePos?.[0]?.line;
        const reason = e.message.split('\n')[0] ?? '';
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('append', `is not valid YAML${line ? ` (line ${line})` : ''}: ${reason}; ${EXAMPLE}`);
    }
    const { nodes, localNode } = checkAppend(doc, inputs, env);
    if (localNode) {
        // The container's own inputs, checked now: nothing has run yet.
        (0,_local_node_js__WEBPACK_IMPORTED_MODULE_4__/* .containerOptions */ .Sb)(inputs.driverOpts);
        (0,_local_node_js__WEBPACK_IMPORTED_MODULE_4__/* .splitFlags */ .g0)(inputs.buildkitdFlags);
    }
    const result = { ...inputs, append: nodes, localNode };
    (0,_builder_checks_js__WEBPACK_IMPORTED_MODULE_0__/* .checkPlatformOs */ .m)(result, false);
    return result;
}


/***/ }),

/***/ 3691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ attestsSomething),
/* harmony export */   B7: () => (/* binding */ goBool),
/* harmony export */   GQ: () => (/* binding */ GO_BOOL),
/* harmony export */   qZ: () => (/* binding */ csvFields),
/* harmony export */   r7: () => (/* binding */ attestArgs)
/* harmony export */ });
/* harmony import */ var csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5175);
// Attestations as build-push-action asks buildx for them: `provenance`, `sbom` and `attests` become
// `--attest` values; provenance unset gets a default by repository visibility and always names the run.

/** The comma-separated fields of one buildx option value (double quotes enclose commas), trimmed. */
function csvFields(value) {
    try {
        const records = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(value, { relax_column_count: true, relax_quotes: true, trim: true });
        return records.flat();
    }
    catch {
        return value.split(',').map((f) => f.trim());
    }
}
/** Go's strconv.ParseBool, which buildx applies to boolean attributes and a bare attestation field. */
const GO_BOOLS = Object.freeze(Object.fromEntries([
    ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((v) => [v, true]),
    ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((v) => [v, false]),
]));
/** Every spelling Go's strconv.ParseBool accepts, as a pattern for input rules. */
const GO_BOOL = new RegExp(`^(${Object.keys(GO_BOOLS).join('|')})$`);
/** `value` read as Go's strconv.ParseBool reads it (1, t, TRUE, …); undefined when it is not a boolean there. */
const goBool = (value) => value !== undefined && Object.hasOwn(GO_BOOLS, value) ? GO_BOOLS[value] : undefined;
/** A bare true/false field means enabled/disabled, as buildx reads it. */
function attestationAttrs(value) {
    return csvFields(value)
        .map((f) => {
        const b = goBool(f);
        return b === undefined ? f : `disabled=${!b}`;
    })
        .join(',');
}
const keyOf = (field) => field.split('=')[0]?.trim();
const hasType = (attest, type) => csvFields(attest).some((f) => keyOf(f) === 'type' && f.slice(f.indexOf('=') + 1).trim() === type);
/** Adds `builder-id` unless the value has one. */
function withBuilderId(value, builderId) {
    if (!value)
        return `builder-id=${builderId}`;
    return csvFields(value).some((f) => keyOf(f) === 'builder-id') ? value : `${value},builder-id=${builderId}`;
}
/** The `provenance` input as build-push-action reads it: a YAML boolean, or buildx attributes. */
function provenanceValue(input, builderId) {
    // @actions/core's getBooleanInput: the YAML 1.2 core schema's spellings only.
    if (/^(true|True|TRUE)$/.test(input))
        return `builder-id=${builderId}`;
    if (/^(false|False|FALSE)$/.test(input))
        return 'false';
    return withBuilderId(input, builderId);
}
/**
 * The `--attest` values for these inputs, in build-push-action's order: provenance (given, or the default:
 * mode=max on public repositories, mode=min,inline-only=true on private ones, none when loading), sbom, then
 * `attests` (a provenance or sbom item there yields to the input of that name).
 */
function attestArgs(inputs, at) {
    const out = [];
    const provenanceInAttests = inputs.attests.some((a) => hasType(a, 'provenance'));
    if (inputs.provenance) {
        out.push(attestationAttrs(`type=provenance,${provenanceValue(inputs.provenance, at.builderId)}`));
    }
    else if (!provenanceInAttests && !at.oldBuildKit && !at.loads) {
        const mode = at.privateRepository ? 'mode=min,inline-only=true' : 'mode=max';
        out.push(`type=provenance,${withBuilderId(mode, at.builderId)}`);
    }
    if (inputs.sbom)
        out.push(attestationAttrs(`type=sbom,${inputs.sbom}`));
    for (const attest of inputs.attests) {
        const provenance = hasType(attest, 'provenance');
        const sbom = hasType(attest, 'sbom');
        if (!provenance && !sbom)
            out.push(attestationAttrs(attest));
        else if (provenance && !inputs.provenance)
            out.push(withBuilderId(attest, at.builderId));
        else if (sbom && !provenance && !inputs.sbom)
            out.push(attest);
    }
    return out;
}
/** True when some attestation stays enabled: the result is then an image index, even for one platform. */
const attestsSomething = (attests) => attests.some((a) => !csvFields(a).some((f) => /^disabled=(true|1|t)$/i.test(f)));


/***/ }),

/***/ 1383:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mf: () => (/* binding */ parseCall),
/* harmony export */   Mr: () => (/* binding */ loadsIntoDocker),
/* harmony export */   ay: () => (/* binding */ checkBuildInputs)
/* harmony export */ });
/* unused harmony exports outputType, outputPushes */
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5507);
/* harmony import */ var _attests_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3691);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3448);
// Rules for the build-push-action inputs that change what a build produces: call, outputs, attests.



/** The fields buildx reads after the method of `--call` (its printFunc parser refuses any other key). */
const CALL_FIELDS = {
    format: { rule: /^(json|raw)$/, want: 'json or raw' },
    ignorestatus: { rule: _attests_js__WEBPACK_IMPORTED_MODULE_1__/* .GO_BOOL */ .GQ, want: 'true or false' },
};
/**
 * `call` in buildx's `--call` grammar: the method (build, check, outline, targets), then key=value fields
 * (format=json|raw, ignorestatus=true|false), e.g. `outline,format=json`. Pure. Returns the method and the
 * fields as given; throws InputError (call) naming the field and the form to write.
 */
function parseCall(value) {
    const [first = '', ...fields] = (0,_attests_js__WEBPACK_IMPORTED_MODULE_1__/* .csvFields */ .qZ)(value).map((f) => f.trim());
    const example = 'e.g. check, outline or outline,format=json';
    if (!_types_js__WEBPACK_IMPORTED_MODULE_2__/* .CALL_METHODS */ .AJ.includes(first)) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('call', `"${value}" does not start with ${_types_js__WEBPACK_IMPORTED_MODULE_2__/* .CALL_METHODS */ .AJ.join(', ')} (the method buildx calls); write ${example}`);
    }
    for (const field of fields) {
        const eq = field.indexOf('=');
        const key = eq > 0 ? field.slice(0, eq) : field;
        const known = CALL_FIELDS[key];
        if (!known || eq < 0) {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('call', `"${field}" in "${value}" is not a field buildx reads after ${first}; give ${Object.keys(CALL_FIELDS)
                .map((k) => `${k}=…`)
                .join(' or ')} (${example})`);
        }
        if (!known.rule.test(field.slice(eq + 1))) {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('call', `"${field}" in "${value}": ${key} is ${known.want}`);
        }
    }
    return { method: first, fields };
}
/** A buildx output's `key=value` fields (keys lowercased, values unquoted and trimmed), as buildx reads them. */
function outputAttrs(output) {
    return new Map((0,_attests_js__WEBPACK_IMPORTED_MODULE_1__/* .csvFields */ .qZ)(output)
        .filter((f) => f.includes('='))
        .map((f) => [
        f.slice(0, f.indexOf('=')).trim().toLowerCase(),
        f.slice(f.indexOf('=') + 1).trim(),
    ]));
}
/** `type=…` of a buildx output; buildx reads an output without one as a local folder. */
function outputType(output) {
    return outputAttrs(output).get('type') ?? 'local';
}
/**
 * An output that pushes to a registry by itself: `type=registry`, or `type=image` with `push` true as buildx
 * reads a boolean (true, 1, t, TRUE, …).
 */
function outputPushes(output) {
    const attrs = outputAttrs(output);
    const type = attrs.get('type') ?? 'local';
    return type === 'registry' || (type === 'image' && (0,_attests_js__WEBPACK_IMPORTED_MODULE_1__/* .goBool */ .B7)(attrs.get('push')) === true);
}
/** An output that pushes by digest (`push-by-digest` true as buildx reads a boolean). */
const outputPushesByDigest = (output) => (0,_attests_js__WEBPACK_IMPORTED_MODULE_1__/* .goBool */ .B7)(outputAttrs(output).get('push-by-digest')) === true;
/** The build loads its result into the engine's image store (where attestations cannot go). */
const loadsIntoDocker = (inputs) => inputs.load || inputs.outputs.some((o) => outputType(o) === 'docker');
/** Throws InputError when call, outputs or attests contradict the mode or push. */
function checkBuildInputs(inputs) {
    const { mode } = inputs;
    if (inputs.call && inputs.call !== 'build') {
        if (mode !== 'all') {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('call', `call: ${inputs.call} builds nothing to hand to a merge; run it in a mode: all step of its own`);
        }
        const conflict = inputs.push ? 'push' : inputs.load ? 'load' : inputs.outputs.length ? 'outputs' : '';
        if (conflict) {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('call', `call: ${inputs.call} builds no image, so ${conflict} cannot apply; run the ${inputs.call} in a step of its own (as Docker's docs do) or remove ${conflict}`);
        }
    }
    // A merge refuses every build input before parsing (modes.ts: one rule for inputs with no effect).
    if (!inputs.outputs.length)
        return;
    if (mode === 'build') {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('outputs', 'a mode: build leg pushes by digest to image itself (what type=image,push-by-digest=true does); remove outputs');
    }
    const byDigest = inputs.outputs.find(outputPushesByDigest);
    if (byDigest) {
        const name = /(^|,)"?name=([^,"]+)/.exec(byDigest)?.[2] ?? '<repository>';
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('outputs', `"${byDigest}" is what mode: build does for a matrix leg (and hands the digest to mode: merge); set mode: build and image: ${name}, and remove outputs`);
    }
    const pushing = inputs.outputs.find(outputPushes);
    if (pushing) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('outputs', `"${pushing}" pushes without this action checking what the registry holds; publish with push: true and tags (or image) instead`);
    }
    if (inputs.push) {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('outputs', 'push: true already sends the image to its tags; remove push, or remove outputs and keep push');
    }
}


/***/ }),

/***/ 4814:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ checkBuilderFiles),
/* harmony export */   m: () => (/* binding */ checkPlatformOs)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3292);
/* harmony import */ var _model_platforms_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3065);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);
/* harmony import */ var _attests_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3691);
// The builder's own inputs buildx or BuildKit read only when the builder starts (driver-opts, buildkitd-config,
// buildkitd-config-inline), and platforms the builder cannot build: checked before anything runs, so a slip
// in one of them is named instead of surfacing as a BuildKit container that did not start.






/** Where the TOML is unreadable, by line and column only: a daemon config may hold credentials. */
function tomlError(input, text, where) {
    try {
        (0,smol_toml__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(text);
    }
    catch (e) {
        const { line, column } = e;
        const at = line ? ` at line ${line}${column ? `, column ${column}` : ''}` : '';
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(input, `${where} is not valid TOML${at}; BuildKit would not start with it (see https://docs.docker.com/build/buildkit/toml-configuration/)`);
    }
}
/**
 * Checks driver-opts (each line CSV of key=value, as setup-buildx-action passes them to `--driver-opt`),
 * that buildkitd-config names a readable TOML file (relative paths from `workspace`, where buildx runs; not checked
 * without it), and that
 * buildkitd-config-inline is TOML. Reads that file; writes nothing. Throws InputError naming the input.
 */
function checkBuilderFiles(inputs, workspace) {
    for (const line of inputs.driverOpts) {
        for (const field of (0,_attests_js__WEBPACK_IMPORTED_MODULE_5__/* .csvFields */ .qZ)(line)) {
            const eq = field.indexOf('=');
            if (eq <= 0) {
                const item = field.length > 64 ? `${field.slice(0, 60)}…` : field;
                throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz('driver-opts', `"${eq === 0 ? '=…' : item}" is not key=value; give one or more key=value per line (e.g. network=host or image=…,network=host)`);
            }
        }
    }
    if (inputs.buildkitdConfig && workspace !== undefined) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, inputs.buildkitdConfig);
        let text;
        try {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile())
                throw new Error('not a file');
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'); // throws when it cannot be read: no separate access check
        }
        catch {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz('buildkitd-config', `${inputs.buildkitdConfig} is not a readable file${path !== inputs.buildkitdConfig ? ` (looked for ${path})` : ''}; give the path of a buildkitd.toml in the workspace, or put its text in buildkitd-config-inline`);
        }
        tomlError('buildkitd-config', text, inputs.buildkitdConfig);
    }
    if (inputs.buildkitdConfigInline)
        tomlError('buildkitd-config-inline', inputs.buildkitdConfigInline, 'the text');
}
/**
 * A platform whose OS the builder's nodes cannot run: the engine's Linux BuildKit (docker-container,
 * kubernetes, docker drivers) builds linux/* only, unless an appended node declares that platform.
 * driver: remote and an existing `builder` may be anything, so their platforms are left to BuildKit.
 * Throws InputError naming platforms.
 */
function checkPlatformOs(inputs, appendGiven) {
    if (inputs.builder || inputs.driver === 'remote')
        return;
    const declared = new Set(inputs.append.flatMap((n) => n.platforms.map(_model_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlatform */ .Bq)));
    const foreign = inputs.platforms.find((p) => p.os !== 'linux' && !declared.has((0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlatform */ .Bq)(p)));
    if (!foreign || (appendGiven && !inputs.append.length))
        return;
    throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz('platforms', `${(0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlatform */ .Bq)(foreign)}: the builder this step starts on the runner's engine runs Linux BuildKit, which builds linux/* platforms only; build ${foreign.os} images on a ${foreign.os} BuildKit (driver: remote, or an append node that declares ${(0,_model_platforms_js__WEBPACK_IMPORTED_MODULE_3__/* .formatPlatform */ .Bq)(foreign)})`);
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

/***/ 8953:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/inputs/append.ts
var append = __webpack_require__(7193);
// EXTERNAL MODULE: ./src/model/annotations.ts
var model_annotations = __webpack_require__(315);
// EXTERNAL MODULE: ./src/registry/refs.ts
var refs = __webpack_require__(377);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
// EXTERNAL MODULE: ./src/inputs/attests.ts
var attests = __webpack_require__(3691);
// EXTERNAL MODULE: ./src/inputs/build-checks.ts
var build_checks = __webpack_require__(1383);
// EXTERNAL MODULE: ./src/inputs/types.ts
var types = __webpack_require__(3448);
;// CONCATENATED MODULE: ./src/inputs/modes.ts
// What each mode needs, and the one rule for inputs a mode cannot use: set (different from its action.yml
// default, which the runner passes as if given) means an error, before anything runs. github-token is not
// judged: its default is an expression (the job's token) the runner evaluates, so set and unset look alike.






/** action.yml's defaults of the inputs below that have one (a unit test holds them to action.yml). */
const INPUT_DEFAULTS = {
    'no-cache': 'false',
    pull: 'false',
    load: 'false',
    cache: 'auto',
    'cache-write': 'auto',
    qemu: 'auto',
    'qemu-image': types/* DEFAULT_QEMU_IMAGE */.vr,
    'qemu-cleanup': 'false',
    cleanup: 'true',
    handoff: 'auto',
};
/** Everything that only shapes a build (and its builder, QEMU and cache): a merge builds nothing. */
const BUILD_ONLY_INPUTS = [
    'context',
    'call',
    'outputs',
    'attests',
    'no-cache-filters',
    'cgroup-parent',
    'file',
    'target',
    'build-args',
    'build-contexts',
    'labels',
    'secrets',
    'secret-files',
    'secret-envs',
    'ssh',
    'no-cache',
    'pull',
    'load',
    'provenance',
    'sbom',
    'network',
    'add-hosts',
    'allow',
    'shm-size',
    'ulimit',
    'cache',
    'cache-ref',
    'cache-write',
    'cache-from',
    'cache-to',
    'qemu',
    'qemu-image',
    'qemu-cleanup',
    'driver',
    ...types/* BUILDER_KNOBS */.Kz,
    'builder',
    'cleanup',
];
/** Per mode, the inputs it cannot use, why, and what to do instead. */
const NO_EFFECT = {
    all: [
        {
            inputs: ['sources', 'platform-overrides'],
            why: 'it builds, it joins no sources',
            fix: 'use it with mode: merge, or remove it',
        },
        {
            inputs: ['handoff', 'variant'],
            why: 'nothing is handed off',
            fix: 'use it on mode: build legs and their mode: merge job, or remove it',
        },
    ],
    build: [
        {
            inputs: ['sources', 'platform-overrides'],
            why: 'a leg joins no sources',
            fix: 'use it with mode: merge, or remove it',
        },
        {
            inputs: ['tags'],
            why: 'a leg publishes no tag: it hands off under a run-scoped handoff tag or cache entry',
            fix: 'set tags on the mode: merge job',
        },
        { inputs: ['load'], why: 'a leg loads nothing', fix: 'load the merged image instead, or remove it' },
    ],
    merge: [
        {
            inputs: BUILD_ONLY_INPUTS,
            why: 'a merge builds nothing',
            fix: 'set it on the mode: build legs, or remove it',
        },
    ],
};
/** The input differs from its default (what the runner passes when the workflow does not set it). */
function isSet(get, name) {
    const value = get(name);
    if (value === '')
        return false;
    return value.toLowerCase() !== (INPUT_DEFAULTS[name] ?? '').toLowerCase();
}
/** Throws InputError for the first set input the mode cannot use (NO_EFFECT). */
function checkNoEffect(mode, get) {
    const rules = [...NO_EFFECT[mode]];
    // Explicit sources replace the legs' handoff: nothing is looked up by handoff or variant.
    if (mode === 'merge' && get('sources') !== '')
        rules.push({
            inputs: ['handoff', 'variant'],
            why: 'sources replace the legs’ handoff',
            fix: 'remove it, or remove sources',
        });
    for (const { inputs, why, fix } of rules)
        for (const name of inputs)
            if (isSet(get, name))
                throw new errors/* InputError */.dz(name, `has no effect in mode: ${mode} (${why}); ${fix}`);
}
/** True when the build result is an image index: several platforms, or attestations attached to one. */
function producesIndex(inputs, platformCount = inputs.platforms.length) {
    const at = { builderId: '-', privateRepository: false, loads: (0,build_checks/* loadsIntoDocker */.Mr)(inputs) };
    return platformCount > 1 || (0,attests/* attestsSomething */.$M)((0,attests/* attestArgs */.r7)(inputs, at));
}
function checkAll(inputs) {
    const bare = inputs.tags.filter((t) => !t.includes('/') && !t.includes(':'));
    if (bare.length && !inputs.images.length) {
        throw new errors/* InputError */.dz('tags', `"${bare[0]}" is a bare tag but no image is set; set image (e.g. ghcr.io/acme/app) or give full references`);
    }
    if (inputs.push && !inputs.tags.length) {
        throw new errors/* InputError */.dz('tags', 'push: true needs somewhere to push; set tags (e.g. latest) with image, or full references');
    }
    const indexLevel = inputs.annotations.filter(model_annotations/* isIndexLevel */.Ls);
    if (indexLevel.length && inputs.platforms.length <= 1 && !producesIndex(inputs, 1)) {
        throw new errors/* InputError */.dz('annotations', `"${(0,model_annotations/* formatAnnotation */.tn)(indexLevel[0])}" needs an image index, but one platform with provenance and sbom off builds a single manifest; use the manifest: level or build more platforms`);
    }
}
function checkBuild(inputs) {
    if (!inputs.images.length)
        throw new errors/* InputError */.dz('image', 'mode: build pushes the leg by digest to image; set it (e.g. ghcr.io/acme/app)');
    if (inputs.handoff === 'cache' && inputs.driver === 'docker') {
        throw new errors/* InputError */.dz('handoff', 'handoff: cache pushes the leg by digest, which driver: docker cannot do; set handoff: tags, or use driver: docker-container');
    }
}
function checkMerge(inputs) {
    if (!inputs.images.length) {
        if (!inputs.tags.some((t) => t.includes('/')))
            throw new errors/* InputError */.dz('image', 'mode: merge needs the repository to publish to; set image');
        if (!inputs.sources.length)
            throw new errors/* InputError */.dz('image', "mode: merge finds the legs by the image they pushed to; set image to the legs' repository");
        const digest = inputs.sources.find((s) => (0,refs/* isDigest */.Bc)(s));
        if (digest)
            throw new errors/* InputError */.dz('image', `sources "${digest}" is a digest in image's repository, and no image is set; set image or give the source as repo@${digest.slice(0, 15)}…`);
    }
    if (!inputs.platforms.length && !inputs.sources.length) {
        throw new errors/* InputError */.dz('platforms', 'mode: merge needs the platforms that must be published, e.g. linux/amd64,linux/arm64');
    }
    if (!inputs.tags.length)
        throw new errors/* InputError */.dz('tags', 'mode: merge publishes to tags; set at least one (e.g. latest)');
    for (const source of inputs.sources) {
        if (source.startsWith('sha256:') ? !(0,refs/* isDigest */.Bc)(source) : !(0,refs/* parseReference */.F2)(source)) {
            throw new errors/* InputError */.dz('sources', `"${source}" is neither a reference (repo:tag or repo@sha256:…) nor a sha256: digest`);
        }
    }
}
/** What each mode needs of the parsed inputs. Throws InputError naming the input and the fix. */
function checkModeInputs(inputs) {
    if (inputs.mode === 'all')
        checkAll(inputs);
    else if (inputs.mode === 'build')
        checkBuild(inputs);
    else
        checkMerge(inputs);
}

;// CONCATENATED MODULE: ./src/inputs/companions.ts
// The one rule for inputs without effect (modes.ts), applied to inputs another input makes useless: set
// (different from its default), they are an error before anything runs, naming both.


const value = (get, name) => get(name).trim().toLowerCase();
const COMPANIONS = [
    {
        input: 'qemu-image',
        when: (get) => (['off', 'host'].includes(value(get, 'qemu')) ? `qemu: ${value(get, 'qemu')}` : undefined),
        fix: 'set qemu: image (or auto), or remove qemu-image',
    },
    {
        input: 'cache',
        // cache: off beside them says the same thing twice: no managed cache.
        when: (get) => value(get, 'cache') !== 'off' && (get('cache-from') || get('cache-to'))
            ? 'cache-from / cache-to (they replace the managed cache)'
            : undefined,
        fix: 'remove cache, or remove cache-from and cache-to',
    },
    {
        input: 'cache-write',
        when: (get) => value(get, 'cache') === 'off'
            ? 'cache: off'
            : get('cache-from') || get('cache-to')
                ? 'cache-from / cache-to (passed as given)'
                : undefined,
        fix: 'remove cache-write',
    },
    {
        input: 'cache-ref',
        when: (get) => ['gha', 'local', 'off'].includes(value(get, 'cache'))
            ? `cache: ${value(get, 'cache')}`
            : get('cache-from') || get('cache-to')
                ? 'cache-from / cache-to'
                : undefined,
        fix: 'set cache: registry (or auto), or remove cache-ref',
    },
];
/** Throws InputError for the first set input another input makes useless (COMPANIONS). */
function checkCompanions(get) {
    for (const { input, when, fix } of COMPANIONS) {
        if (!isSet(get, input))
            continue;
        const because = when(get);
        if (because)
            throw new errors/* InputError */.dz(input, `has no effect with ${because}; ${fix}`);
    }
}

// EXTERNAL MODULE: ./src/inputs/builder-checks.ts
var builder_checks = __webpack_require__(4814);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/inputs/passthrough.ts
// Inputs handed to `buildx build` as they are, in the grammar buildx itself checks: provenance, sbom, attests,
// network, add-hosts, allow, ulimit, shm-size. buildx only checks them after the QEMU phase ran and a builder
// started, and its message does not name the input; here each is checked before anything runs. Where the set
// of names can grow with a newer buildx or BuildKit (entitlements, attestation keys), only the shape and the
// known names' misspellings are refused: a name this check has not heard of is left to buildx.



const shown = (value) => {
    const flat = value.replace(/[\r\n]+/g, ' ');
    return flat.length > 64 ? `${flat.slice(0, 60)}…` : flat;
};
/** Levenshtein distance, for telling a misspelt known name from a name a newer tool may know. */
function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        prev = row;
    }
    return prev[b.length];
}
/** The known name `name` is a misspelling of (1–2 edits away), if any. */
const misspelt = (name, known) => known.find((k) => k !== name && distance(k, name) <= 2);
/** Values BuildKit itself checks for the keys of one attestation type (other keys are left to it). */
const ATTEST_VALUES = {
    provenance: { mode: /^(min|max)$/, 'inline-only': attests/* GO_BOOL */.GQ, disabled: attests/* GO_BOOL */.GQ },
    sbom: { disabled: attests/* GO_BOOL */.GQ },
};
const ATTEST_EXAMPLES = {
    provenance: 'true, false, mode=max, or mode=min,inline-only=true',
    sbom: 'true, false, or generator=docker/buildkit-syft-scanner',
};
/**
 * Checks the fields of one attestation: each a Go boolean or key=value, and the values BuildKit checks for
 * its type. `input` names the input in the error, `typed` says the value carries its own `type=`.
 */
function checkAttestation(input, value, type, typed) {
    const example = ATTEST_EXAMPLES[type] ?? 'type=sbom,generator=…';
    for (const field of (0,attests/* csvFields */.qZ)(value)) {
        if (field === '')
            continue;
        const eq = field.indexOf('=');
        if (eq < 0) {
            if (attests/* GO_BOOL */.GQ.test(field))
                continue;
            throw new errors/* InputError */.dz(input, `"${shown(field)}" in "${shown(value)}" is neither true/false nor key=value; write ${typed ? `type=${type},…` : ''}${example}`);
        }
        const key = field.slice(0, eq).trim();
        const val = field.slice(eq + 1).trim();
        if (!key)
            throw new errors/* InputError */.dz(input, `"${shown(field)}" has no key before "="; write ${example}`);
        const rule = ATTEST_VALUES[type]?.[key];
        if (rule && !rule.test(val)) {
            const want = key === 'mode' ? 'min or max' : 'true or false';
            throw new errors/* InputError */.dz(input, `${key}=${shown(val)} is not valid for ${type} (${key} is ${want})`);
        }
    }
}
const ATTEST_TYPES = ['provenance', 'sbom'];
function checkAttests(inputs) {
    if (inputs.provenance)
        checkAttestation('provenance', inputs.provenance, 'provenance', false);
    if (inputs.sbom)
        checkAttestation('sbom', inputs.sbom, 'sbom', false);
    for (const attest of inputs.attests) {
        const types = (0,attests/* csvFields */.qZ)(attest)
            .filter((f) => f.split('=')[0]?.trim() === 'type')
            .map((f) => f.slice(f.indexOf('=') + 1).trim());
        const type = types[0];
        if (type === undefined || types.length > 1) {
            throw new errors/* InputError */.dz('attests', `"${shown(attest)}" needs exactly one type= (provenance or sbom), e.g. type=sbom,generator=docker/buildkit-syft-scanner`);
        }
        // buildx knows these two; it refuses any other type itself, after the builder has started.
        if (!ATTEST_TYPES.includes(type)) {
            throw new errors/* InputError */.dz('attests', `"${shown(attest)}": attestation type "${shown(type)}" is not provenance or sbom (the types buildx builds)`);
        }
        checkAttestation('attests', attest, type, true);
    }
}
/** `--network` values BuildKit runs RUN instructions with. */
const NETWORKS = ['default', 'host', 'none'];
/** An IP as Docker writes one in an extra host (IPv6 possibly in brackets), or Docker's host-gateway. */
const isHostIp = (ip) => ip === 'host-gateway' || (0,external_node_net_.isIP)(ip) !== 0 || (/^\[.*\]$/.test(ip) && (0,external_node_net_.isIP)(ip.slice(1, -1)) === 6);
function checkAddHost(entry) {
    // buildx splits at the first "=" (host=ip), else at the first ":" (host:ip, so host:::1 is IPv6).
    const eq = entry.indexOf('=');
    const at = eq >= 0 ? eq : entry.indexOf(':');
    const host = at > 0 ? entry.slice(0, at).trim() : '';
    const ip = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!host || !isHostIp(ip)) {
        throw new errors/* InputError */.dz('add-hosts', `"${shown(entry)}" is not host:ip (e.g. docker:10.180.0.1, db=192.168.1.10 or ipv6.local:::1)`);
    }
}
/** Entitlements buildx and BuildKit know today; `device` may name one (`device=<name>[,…]`). */
const ENTITLEMENTS = ['network.host', 'security.insecure', 'device', 'buildx.local.delete'];
function checkAllow(entry) {
    const name = entry.split('=')[0];
    const shape = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(name) && (name === entry || entry.length > name.length + 1);
    const near = shape && !ENTITLEMENTS.includes(name) ? misspelt(name, ENTITLEMENTS) : undefined;
    if (!shape || near) {
        throw new errors/* InputError */.dz('allow', `"${shown(entry)}" is not an entitlement${near ? `; did you mean ${near}?` : ''} (e.g. network.host, security.insecure, device)`);
    }
}
/** Linux resource limits: the names Docker's ulimit grammar knows (the kernel's RLIMIT_* set). */
const ULIMITS = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack',
];
function checkUlimit(entry) {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(entry.trim());
    const fix = `write type=soft[:hard], e.g. nofile=1024:1024 (types: ${ULIMITS.join(', ')})`;
    if (!m)
        throw new errors/* InputError */.dz('ulimit', `"${shown(entry)}" is not type=soft[:hard]; ${fix}`);
    const [, type, soft, hard] = m;
    if (!ULIMITS.includes(type))
        throw new errors/* InputError */.dz('ulimit', `"${type}" is not a ulimit type; ${fix}`);
    if (hard !== undefined && Number(hard) !== -1 && (Number(soft) === -1 || Number(soft) > Number(hard))) {
        throw new errors/* InputError */.dz('ulimit', `"${shown(entry)}": the soft limit is above the hard one; ${fix}`);
    }
}
/** Docker's size grammar (go-units RAMInBytes): a number, then an optional k/m/g/t/p unit, optional i and b. */
const SIZE = /^\d+(\.\d+)* ?([kmgtp])?i?b?$/i;
/**
 * Checks every input passed to `buildx build` in a grammar buildx checks itself, as buildx and
 * build-push-action accept it. Pure. Throws InputError naming the input, the value and the form to write.
 */
function checkPassThroughInputs(inputs) {
    checkAttests(inputs);
    if (inputs.network !== undefined && !NETWORKS.includes(inputs.network)) {
        throw new errors/* InputError */.dz('network', `"${shown(inputs.network)}" is not a network mode BuildKit runs RUN with; use ${NETWORKS.join(', ')} (host also needs allow: network.host)`);
    }
    inputs.addHosts.forEach(checkAddHost);
    inputs.allow.forEach(checkAllow);
    inputs.ulimit.forEach(checkUlimit);
    if (inputs.shmSize !== undefined && !SIZE.test(inputs.shmSize)) {
        throw new errors/* InputError */.dz('shm-size', `"${shown(inputs.shmSize)}" is not a size; write a number with an optional unit b, k, m or g (e.g. 2g, 512m, 64MB)`);
    }
}

// EXTERNAL MODULE: ./src/buildx/engine.ts
var engine = __webpack_require__(8268);
// EXTERNAL MODULE: ./src/buildx/release.ts
var release = __webpack_require__(2073);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/inputs/checks.ts
// Rules that span several inputs (mode, driver, cache, secrets), applied once every input has parsed.







function checkSecretInputs(inputs, env) {
    const seen = new Map();
    const given = [
        ['secrets', inputs.secrets],
        ['secret-files', inputs.secretFiles],
        ['secret-envs', inputs.secretEnvs],
    ];
    for (const [name, entries] of given) {
        for (const { key } of entries) {
            const first = seen.get(key);
            if (first !== undefined) {
                throw new errors/* InputError */.dz(name, `secret id "${key}" is already given${first === name ? '' : ` in ${first}`}; give each secret one id`);
            }
            seen.set(key, name);
        }
    }
    if (!env)
        return;
    // buildx quietly builds without a secret whose variable is unset: a typo would go unnoticed.
    for (const { key, value } of inputs.secretEnvs) {
        if (env[value] === undefined) {
            throw new errors/* InputError */.dz('secret-envs', `"${key}=${value}": ${value} is not set in this step's environment; set it under the step's env: (e.g. ${value}: \${{ secrets.${value} }}) or remove the line`);
        }
    }
}
function checkCacheInputs(inputs) {
    if (inputs.cacheRef) {
        const ref = (0,refs/* parseReference */.F2)(inputs.cacheRef);
        if (ref?.digest)
            throw new errors/* InputError */.dz('cache-ref', `"${inputs.cacheRef}" has a digest; a cache is written to a tag`);
    }
    if (inputs.cache === 'registry' && !inputs.cacheRef && !inputs.images.length) {
        throw new errors/* InputError */.dz('cache', 'cache: registry stores the cache next to image, and no image is set; set cache-ref (e.g. ghcr.io/acme/app:buildcache) or image');
    }
}
function checkBuilderInputs(inputs, get, driverSet, machine = {
    os: 'linux',
    arch: 'x64',
}) {
    const setKnobs = types/* BUILDER_KNOBS */.Kz.filter((name) => get(name) !== '');
    if (inputs.builder) {
        const conflict = [...(driverSet ? ['driver'] : []), ...setKnobs];
        if (conflict.length) {
            throw new errors/* InputError */.dz('builder', `uses an existing builder as it is, so ${conflict.join(', ')} cannot apply; remove ${conflict.length > 1 ? 'them' : 'it'} or remove builder`);
        }
        if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(inputs.builder)) {
            throw new errors/* InputError */.dz('builder', `"${inputs.builder}" is not a builder name`);
        }
    }
    if (inputs.driver === 'docker' && setKnobs.length) {
        throw new errors/* InputError */.dz(setKnobs[0], `has no effect with driver: docker (the engine's own builder); use driver: docker-container or remove it`);
    }
    if (inputs.driver === 'remote' && !inputs.endpoint) {
        throw new errors/* InputError */.dz('endpoint', 'driver: remote needs the BuildKit address, e.g. tcp://buildkitd:1234');
    }
    if (inputs.endpoint)
        checkEndpoint(inputs.driver, inputs.endpoint, machine.dockerConfig);
    if (inputs.driver === 'remote' && inputs.buildkitImage) {
        throw new errors/* InputError */.dz('buildkit-image', 'driver: remote connects to a running BuildKit; it starts no image');
    }
    if (inputs.buildkitdConfig && inputs.buildkitdConfigInline) {
        throw new errors/* InputError */.dz('buildkitd-config-inline', 'set either buildkitd-config or buildkitd-config-inline, not both');
    }
    if (inputs.buildkitImage && inputs.driverOpts.some((o) => o.startsWith('image='))) {
        throw new errors/* InputError */.dz('buildkit-image', 'driver-opts already sets image=; keep one of them');
    }
    // Validated here, before anything runs; downloaded later, only if needed.
    if (inputs.buildxVersion) {
        (0,release/* planBuildxDownload */.CL)({
            version: inputs.buildxVersion,
            baseUrl: inputs.buildxUrl,
            platform: machine.os,
            arch: machine.arch,
        });
    }
    if (inputs.buildxUrl && !inputs.buildxVersion) {
        throw new errors/* InputError */.dz('buildx-url', 'is the mirror to download buildx-version from; set buildx-version too');
    }
}
/**
 * `endpoint` as setup-buildx-action reads it: with docker-container, the Docker engine the builder's BuildKit
 * container runs on (a docker context name or a Docker host address, the positional argument of `buildx
 * create`); with remote, the BuildKit address (checked with the other values); driver: docker refuses it
 * with the other builder knobs. A bare name must be a context of the docker config at `dockerConfig` (not
 * checked without it): buildx would read an unknown name as the host tcp://<name>:2375. Throws InputError
 * (endpoint) naming the fix.
 */
function checkEndpoint(driver, endpoint, dockerConfig, readFile) {
    const hosts = 'a docker context name from `docker context ls`, or a Docker host such as unix:///var/run/docker.sock or ssh://user@host';
    if (driver === 'kubernetes') {
        throw new errors/* InputError */.dz('endpoint', 'driver: kubernetes runs BuildKit in the current kubernetes context (KUBECONFIG); remove endpoint');
    }
    if (driver !== 'docker-container')
        return;
    if (/^(docker-container|kube-pod):\/\//.test(endpoint)) {
        throw new errors/* InputError */.dz('endpoint', `"${endpoint}" is a BuildKit address; set driver: remote to build on it, or give ${hosts}`);
    }
    if ((0,append/* endpointProblem */.$Q)(driver, endpoint))
        throw new errors/* InputError */.dz('endpoint', `"${endpoint}" is neither a docker context name nor a Docker host; give ${hosts}`);
    const bareName = !endpoint.includes('://');
    if (bareName && endpoint !== 'default' && dockerConfig !== undefined) {
        if (!(0,engine/* contextHost */.Y8)(dockerConfig, endpoint, readFile)) {
            throw new errors/* InputError */.dz('endpoint', `there is no docker context "${endpoint}" (looked in ${(0,external_node_path_.join)(dockerConfig, 'contexts')}); give a name \`docker context ls\` lists (create it in an earlier step with docker context create), or a Docker host such as ssh://user@host`);
        }
    }
}

;// CONCATENATED MODULE: ./src/inputs/values.ts
// What an input may hold where the action puts it inside something with a grammar of its own: an attribute
// list (`type=gha,scope=…`, `id=…,env=…`), a cache scope or key, a tag, a path, a command's positional
// argument. Checked once every input has parsed, before anything runs.

/** BuildKit's Dockerfile stage names (`FROM … AS <name>`, matched without case). */
const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/i;
/** A POSIX environment variable name, as `secret-envs` must name one. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The URL forms buildx takes as a remote BuildKit address. */
const ENDPOINT = /^[a-z][a-z0-9+.-]*:\/\/[^\s,]+$/i;
/** Shows a value in an error without letting it run on: at most 60 characters, one line. */
function values_shown(value) {
    const flat = value.replace(/[\r\n]+/g, ' ');
    return flat.length > 64 ? `${flat.slice(0, 60)}…` : flat;
}
/**
 * Checks every input whose value the action places inside a grammar of its own, so a value can only ever
 * be what the input means: `target` is a stage name (it becomes part of the cache scope, a path under
 * RUNNER_TEMP and a cache tag), `secret-envs` values are variable names (they sit in `id=…,env=…`),
 * `endpoint` of driver: remote is a BuildKit address, `context` is not an option and `file` is not stdin. Throws InputError naming the input and the fix.
 */
function checkAttributeValues(inputs) {
    if (inputs.target !== undefined && !STAGE_NAME.test(inputs.target)) {
        throw new errors/* InputError */.dz('target', `"${values_shown(inputs.target)}" is not a Dockerfile stage name (a letter, then letters, digits, _ . or -); set it to the name after AS in your Dockerfile's FROM line`);
    }
    const ids = [
        ['secrets', inputs.secrets],
        ['secret-files', inputs.secretFiles],
        ['secret-envs', inputs.secretEnvs],
    ];
    for (const [name, entries] of ids) {
        // A `secrets` id names the file its value is written to: "." and ".." are not names.
        const dots = entries.find(({ key }) => /^\.+$/.test(key));
        if (dots) {
            throw new errors/* InputError */.dz(name, `secret id "${dots.key}" is only dots; give each secret an id with a letter or digit (e.g. npm_token)`);
        }
    }
    for (const { key, value } of inputs.secretEnvs) {
        if (!ENV_NAME.test(value)) {
            throw new errors/* InputError */.dz('secret-envs', `"${key}=${values_shown(value)}": "${values_shown(value)}" is not an environment variable name (letters, digits and _, not starting with a digit); give one id=ENV_NAME per line`);
        }
    }
    // The docker-container driver's endpoint (a docker context or Docker host) is checked with the driver.
    if (inputs.driver === 'remote' && inputs.endpoint !== undefined && !ENDPOINT.test(inputs.endpoint)) {
        throw new errors/* InputError */.dz('endpoint', `"${values_shown(inputs.endpoint)}" is not a BuildKit address; give one like tcp://buildkitd:1234 or unix:///run/buildkit/buildkitd.sock, or, to build in a BuildKit container on a docker context or Docker host, remove driver: remote`);
    }
    // buildx reads `-` as the Dockerfile on stdin, and this action gives buildx no stdin.
    if (inputs.file === '-') {
        throw new errors/* InputError */.dz('file', '"-" reads the Dockerfile from stdin, which this action does not feed; give the Dockerfile\'s path relative to the workspace (e.g. Dockerfile or docker/app.Dockerfile)');
    }
    if (inputs.context?.startsWith('-')) {
        throw new errors/* InputError */.dz('context', `"${values_shown(inputs.context ?? '')}" starts with "-", which buildx would read as an option; write a path such as ./${values_shown(inputs.context ?? '')}`);
    }
}

// EXTERNAL MODULE: ./node_modules/csv-parse/lib/sync.js + 9 modules
var sync = __webpack_require__(5175);
;// CONCATENATED MODULE: ./src/inputs/grammar.ts
// List inputs read exactly as Docker's actions read them (their toolkit's getInputList): the value is CSV
// (relaxed quotes and column counts, empty lines skipped), so a double-quoted item may hold commas, `=` and
// newlines. Items of a one-item-per-line input keep their commas; the others split on commas too.


/**
 * Items of list input `name` whose value is `text`, as Docker's actions read them, each trimmed, empty ones
 * dropped. Beyond Docker's grammar: a line whose first character is `#` is a comment, dropped whole. Throws
 * InputError naming the input when a quote is never closed, or when an item starts with a quote that did
 * not enclose it (Docker would keep that quote in the value). Never quotes the text (it may be a secret).
 */
function parseList(name, text, grammar) {
    if (text.trim() === '')
        return [];
    let rows;
    try {
        rows = (0,sync/* parse */.qg)(text, {
            columns: false,
            relax_quotes: true,
            relax_column_count: true,
            skip_empty_lines: true,
            comment: '#',
            comment_no_infix: true,
            info: true,
            raw: true,
            quote: grammar.quotes === false ? false : '"',
        });
    }
    catch (e) {
        const { code, lines } = e;
        if (code === 'CSV_QUOTE_NOT_CLOSED') {
            throw new errors/* InputError */.dz(name, `a double quote is never closed (the input ends inside it, line ${lines ?? '?'}); close it after the last line of the value, as in "id=line one⏎line two"`);
        }
        throw new errors/* InputError */.dz(name, `cannot be read as a list (${code ?? 'unreadable'}); write one item per line`);
    }
    const items = [];
    for (const { record, raw, info } of rows) {
        const newlines = record.join('').split('\n').length - 1;
        const line = info.lines - newlines;
        // An indented comment line is a comment too (csv-parse only sees one at the very start of a line).
        if (!raw.trimStart().startsWith('"') && (record[0] ?? '').trimStart().startsWith('#'))
            continue;
        const texts = record.length === 1
            ? grammar.perLine
                ? record
                : record[0].split(',')
            : grammar.perLine
                ? [record.join(',')]
                : record;
        for (const t of texts) {
            const item = t.trim();
            if (item === '')
                continue;
            if (grammar.quotes !== false && item.startsWith('"')) {
                throw new errors/* InputError */.dz(name, `the item on line ${line} starts with a double quote that does not enclose it (a space before it, text after the closing one, or a quote inside the value that is not doubled as ""); put the quote first on the line and write "…""…" for a quote inside`);
            }
            items.push({ text: item, line });
        }
    }
    return items;
}
/** The items' texts only. */
const listOf = (name, text, grammar) => parseList(name, text, grammar).map((i) => i.text);
/** Inputs Docker's actions read one item per line (commas kept); every other list input splits on commas. */
const PER_LINE = { perLine: true };
const COMMAS = { perLine: false };
/** Read as given, quotes included (buildx parses them itself): `outputs`, `driver-opts`. */
const RAW_LINES = { perLine: true, quotes: false };

// EXTERNAL MODULE: ./src/model/platforms.ts
var platforms = __webpack_require__(3065);
;// CONCATENATED MODULE: ./src/inputs/readers.ts
// Readers for one input each: enums, booleans, references, platforms, and the key=value lists.




function oneOf(get, name, allowed, fallback) {
    const value = get(name) || fallback;
    if (!allowed.includes(value)) {
        throw new errors/* InputError */.dz(name, `"${value}" is not one of ${allowed.join(', ')}`);
    }
    return value;
}
function bool(get, name, fallback) {
    const value = get(name).toLowerCase();
    if (value === '')
        return fallback;
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new errors/* InputError */.dz(name, `"${get(name)}" is not true or false`);
}
const optional = (value) => (value === '' ? undefined : value);
function reference(get, name, example) {
    const value = optional(get(name));
    if (value === undefined)
        return value;
    const meant = (0,refs/* miscasedHubName */.m)(value);
    if (meant !== undefined || !(0,refs/* parseReference */.F2)(value)) {
        throw new errors/* InputError */.dz(name, `"${value}" is not an image reference (e.g. ${example})${meant !== undefined && (0,refs/* parseReference */.F2)(meant)
            ? `; repository names are lowercase (the tag may have capitals): write "${meant}"`
            : ''}`);
    }
    return value;
}
/** Error messages show the key only, never the value (a build-arg may carry a token despite the advice). */
function redactValue(line) {
    const eq = line.indexOf('=');
    return eq > 0 ? `${line.slice(0, eq)}=…` : line.length > 64 ? `${line.slice(0, 60)}…` : line;
}
/** A secret id: also the name of the file its value is written to, so never `.` or `..`. */
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
/**
 * `key=value` items of list input `name` (`what` says the form, e.g. NAME=value). The key is what comes
 * before the first `=`; the value keeps everything after it. Throws InputError quoting the key only.
 */
function keyValues(get, name, what, grammar, keyPattern = /^[^\s=]+$/) {
    return parseList(name, get(name), grammar).map(({ text }) => {
        const eq = text.indexOf('=');
        const key = eq > 0 ? text.slice(0, eq).trim() : '';
        if (!key || !keyPattern.test(key)) {
            throw new errors/* InputError */.dz(name, `"${redactValue(text)}" is not ${what} (one per line)`);
        }
        return { key, value: text.slice(eq + 1) };
    });
}
/**
 * A value masking cannot protect: the runner would hide every later occurrence of it in the log, and a
 * value like this is what the second line of a multi-line secret written without quotes looks like.
 */
const tooCommonToMask = (value) => value.trim().length < 3 || /^(true|false|yes|no|on|off|null|none|nil)$/i.test(value.trim());
const QUOTE_FIX = 'quote the whole id=value, across its lines, as in "npmrc=line one⏎line two"';
/**
 * The `secrets` input: `id=value` items, a multi-line value quoted whole. Where Docker's grammar would
 * quietly split an unquoted multi-line value into several secrets, fails instead: an item with no id, an
 * empty value, or a value too common to mask. Messages give line numbers and ids, never values.
 */
function secretValues(get, name = 'secrets') {
    const items = parseList(name, get(name), { perLine: true });
    return items.map(({ text, line }) => {
        const eq = text.indexOf('=');
        const key = eq > 0 ? text.slice(0, eq) : '';
        const value = text.slice(eq + 1);
        if (!SECRET_ID.test(key)) {
            throw new errors/* InputError */.dz(name, `line ${line} is not id=value with an id of letters, digits, _ . or - (the line is not shown, it may hold the secret); a value of several lines must be quoted: ${QUOTE_FIX}`);
        }
        if (value.trim() === '') {
            throw new errors/* InputError */.dz(name, `"${key}" on line ${line} has an empty value; give it one or remove the line`);
        }
        if (tooCommonToMask(value)) {
            throw new errors/* InputError */.dz(name, `"${key}" on line ${line} has a value too short or common to mask (the log would hide it everywhere): that is how the next line of a multi-line value written without quotes reads; ${QUOTE_FIX}, or pass a value that is not secret as a build-arg`);
        }
        return { key, value };
    });
}
/** Platforms as buildx normalises them; each may be listed once. */
function readers_platforms(get, name) {
    const seen = new Map();
    return parseList(name, get(name), { perLine: false }).map(({ text }) => {
        let platform;
        try {
            platform = (0,platforms/* parsePlatform */.FL)(text);
        }
        catch (e) {
            throw new errors/* InputError */.dz(name, e.message);
        }
        const normal = (0,platforms/* formatPlatform */.Bq)(platform);
        const first = seen.get(normal);
        if (first !== undefined) {
            throw new errors/* InputError */.dz(name, `"${text}" duplicates "${first}" (both are ${normal}); list each platform once`);
        }
        seen.set(normal, text);
        return platform;
    });
}
/** FROM is matched as written (linux/arm must not be normalised to linux/arm/v7: that is what it fixes). */
function parseOverrideSide(text) {
    const [os, arch, variant, ...rest] = text.toLowerCase().split('/');
    if (!os || !arch || rest.length)
        throw new Error(`"${text}" is not os/arch[/variant]`);
    (0,platforms/* parsePlatform */.FL)(text); // validates os and arch names
    return variant ? { os, arch, variant } : { os, arch };
}
function overrides(get) {
    return parseList('platform-overrides', get('platform-overrides'), { perLine: true }).map(({ text }) => {
        const [from, to, ...rest] = text.split('=').map((s) => s.trim());
        if (!from || !to || rest.length) {
            throw new errors/* InputError */.dz('platform-overrides', `"${text}" is not FROM=TO (e.g. linux/arm=linux/arm/v7)`);
        }
        try {
            return { from: parseOverrideSide(from), to: (0,platforms/* parsePlatform */.FL)(to) };
        }
        catch (e) {
            throw new errors/* InputError */.dz('platform-overrides', `${e.message} in "${text}"`);
        }
    });
}

;// CONCATENATED MODULE: ./src/inputs/inputs.ts














/** Reads INPUT_* the way the runner sets them (name upper-cased, spaces as underscores). */
const envInputs = (env) => (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
/** A variant goes into handoff tags and cache keys: tag characters only, short enough for both. */
function variantName(value) {
    if (value !== '' && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(value)) {
        throw new errors/* InputError */.dz('variant', `"${value}" is not a variant name (letters, digits, _ . -, at most 40, starting with a letter or digit; e.g. slim)`);
    }
    return value;
}
/** A tag given as a full reference: the repository part must be lowercase (the registry part need not). */
function checkTag(tag) {
    // `Acme/app:1` parses (Acme would be a registry host), but docker reads it as a Docker Hub name: lowercase.
    const hub = (0,refs/* miscasedHubName */.m)(tag);
    if (hub)
        throw new errors/* InputError */.dz('tags', `"${tag}": repository names are lowercase (a first part without a dot or a port is not a registry); write "${hub}"`);
    const full = tag.includes('/') || tag.includes(':');
    const ref = full ? (0,refs/* parseReference */.F2)(tag) : undefined;
    if (full ? ref?.tag && ref.digest === undefined : (0,refs/* isTag */.dz)(tag))
        return;
    const slash = tag.indexOf('/');
    const lower = slash > 0
        ? `${tag.slice(0, slash)}/${tag.slice(slash + 1).replace(/[^:]*/, (p) => p.toLowerCase())}`
        : tag;
    if (full && lower !== tag && (0,refs/* parseReference */.F2)(lower)?.tag) {
        throw new errors/* InputError */.dz('tags', `"${tag}": repository names are lowercase (the registry and the tag may have capitals); write "${lower}"`);
    }
    throw new errors/* InputError */.dz('tags', `"${tag}" is neither a tag (e.g. 1.2.3) nor a full reference with a tag (e.g. ghcr.io/acme/app:1.2.3)`);
}
/**
 * Parses and validates every input before anything runs, list inputs in the grammar of Docker's actions
 * (see grammar.ts). With `machine`, inputs that depend on the step's environment or machine are checked
 * against it too. Throws InputError naming the input and the fix.
 */
function readInputs(get, machine) {
    const mode = oneOf(get, 'mode', ['all', 'build', 'merge'], 'all');
    checkNoEffect(mode, get);
    checkCompanions(get);
    const images = listOf('image', get('image'), COMMAS);
    for (const image of images) {
        const ref = (0,refs/* parseReference */.F2)(image);
        if (ref && (ref.tag || ref.digest)) {
            throw new errors/* InputError */.dz('image', `"${image}" includes a tag or digest; give the repository only and put tags in \`tags\``);
        }
        const meant = (0,refs/* miscasedHubName */.m)(image);
        if (meant !== undefined && (0,refs/* isRepository */.Z6)(meant)) {
            throw new errors/* InputError */.dz('image', `"${image}": repository names are lowercase; write "${meant}"`);
        }
        if (!(0,refs/* isRepository */.Z6)(image)) {
            throw new errors/* InputError */.dz('image', `"${image}" is not a valid repository name (lowercase, e.g. ghcr.io/acme/app)`);
        }
    }
    const twice = images.find((image, i) => images.findIndex((other) => (0,refs/* sameRepository */.RB)(image, other)) < i);
    if (twice) {
        const first = images.find((other) => (0,refs/* sameRepository */.RB)(twice, other));
        throw new errors/* InputError */.dz('image', `"${twice}" and "${first}" are one repository (Docker Hub names need no docker.io/); list it once`);
    }
    const tags = listOf('tags', get('tags'), COMMAS);
    tags.forEach(checkTag);
    const annotations = listOf('annotations', get('annotations'), PER_LINE).map((line) => {
        try {
            return (0,model_annotations/* parseAnnotation */.fr)(line);
        }
        catch (e) {
            throw new errors/* InputError */.dz('annotations', e.message);
        }
    });
    const driverSet = get('driver') !== '';
    const call = get('call') ? (0,build_checks/* parseCall */.Mf)(get('call')) : undefined;
    const inputs = {
        mode,
        platforms: readers_platforms(get, 'platforms'),
        images,
        tags,
        context: optional(get('context')),
        file: optional(get('file')),
        target: optional(get('target')),
        buildArgs: keyValues(get, 'build-args', 'NAME=value', PER_LINE),
        buildContexts: keyValues(get, 'build-contexts', 'name=source', PER_LINE),
        labels: keyValues(get, 'labels', 'key=value', PER_LINE),
        annotations,
        secrets: secretValues(get),
        secretFiles: keyValues(get, 'secret-files', 'id=path', PER_LINE, SECRET_ID),
        secretEnvs: keyValues(get, 'secret-envs', 'id=ENV_NAME', COMMAS, SECRET_ID),
        ssh: listOf('ssh', get('ssh'), COMMAS),
        noCache: bool(get, 'no-cache', false),
        noCacheFilters: listOf('no-cache-filters', get('no-cache-filters'), COMMAS),
        call: call?.method,
        callFields: call?.fields ?? [],
        outputs: listOf('outputs', get('outputs'), RAW_LINES),
        attests: listOf('attests', get('attests'), PER_LINE),
        cgroupParent: optional(get('cgroup-parent')),
        githubToken: optional(get('github-token')),
        pull: bool(get, 'pull', false),
        push: bool(get, 'push', mode !== 'all'),
        load: bool(get, 'load', false),
        provenance: optional(get('provenance')),
        sbom: optional(get('sbom')),
        network: optional(get('network')),
        addHosts: listOf('add-hosts', get('add-hosts'), COMMAS),
        allow: listOf('allow', get('allow'), COMMAS),
        shmSize: optional(get('shm-size')),
        ulimit: listOf('ulimit', get('ulimit'), PER_LINE),
        cacheFrom: listOf('cache-from', get('cache-from'), PER_LINE),
        cacheTo: listOf('cache-to', get('cache-to'), PER_LINE),
        cache: oneOf(get, 'cache', ['auto', 'gha', 'registry', 'local', 'off'], 'auto'),
        cacheRef: reference(get, 'cache-ref', 'ghcr.io/acme/app:buildcache'),
        cacheWrite: oneOf(get, 'cache-write', ['auto', 'always', 'never'], 'auto'),
        qemu: oneOf(get, 'qemu', ['auto', 'host', 'image', 'off'], 'auto'),
        qemuImage: reference(get, 'qemu-image', types/* DEFAULT_QEMU_IMAGE */.vr) ?? types/* DEFAULT_QEMU_IMAGE */.vr,
        driver: oneOf(get, 'driver', ['docker-container', 'docker', 'remote', 'kubernetes'], 'docker-container'),
        driverOpts: listOf('driver-opts', get('driver-opts'), RAW_LINES),
        buildkitdFlags: get('buildkitd-flags') || types/* DEFAULT_BUILDKITD_FLAGS */.Ji,
        buildkitdConfig: optional(get('buildkitd-config')),
        buildkitdConfigInline: optional(get('buildkitd-config-inline')),
        buildkitImage: reference(get, 'buildkit-image', 'mirror.example.com/moby/buildkit:buildx-stable-1'),
        endpoint: optional(get('endpoint')),
        tlsFromEnv: [],
        append: [],
        localNode: false,
        builder: optional(get('builder')),
        cleanup: bool(get, 'cleanup', true),
        qemuCleanup: bool(get, 'qemu-cleanup', false),
        handoff: oneOf(get, 'handoff', ['auto', 'cache', 'tags'], 'auto'),
        variant: variantName(get('variant')),
        sources: listOf('sources', get('sources'), COMMAS),
        platformOverrides: overrides(get),
        summary: bool(get, 'summary', true),
        buildxVersion: optional(get('buildx-version')),
        buildxUrl: optional(get('buildx-url')),
    };
    checkAttributeValues(inputs);
    checkBuilderInputs(inputs, get, driverSet, machine);
    if (inputs.driver === 'remote') {
        const who = { input: 'driver-opts', what: `the node at ${inputs.endpoint}`, index: 0 };
        inputs.tlsFromEnv = (0,append/* tlsSources */.Ax)(who, inputs.driver, inputs.endpoint, inputs.driverOpts, machine?.env ?? {});
    }
    checkSecretInputs(inputs, machine?.env);
    checkCacheInputs(inputs);
    checkModeInputs(inputs);
    (0,build_checks/* checkBuildInputs */.ay)(inputs);
    checkPassThroughInputs(inputs);
    (0,builder_checks/* checkBuilderFiles */.j)(inputs, machine?.workspace);
    (0,builder_checks/* checkPlatformOs */.m)(inputs, get('append') !== '');
    return inputs;
}

;// CONCATENATED MODULE: ./src/runner/phases.ts
/** Runs each phase in a log group and records when it started and how long it took, for the summary. */
class Phases {
    log;
    times = [];
    /** When the step started, epoch ms: what `startMs` counts from, on the wall clock. */
    startedAt = Date.now();
    origin = performance.now();
    constructor(log) {
        this.log = log;
    }
    /** Runs `fn` in a log group titled `title`; records its time under `phase` even when it throws. */
    async run(phase, title, fn) {
        const start = performance.now();
        try {
            return await this.log.group(title, fn);
        }
        finally {
            const end = performance.now();
            this.times.push({
                phase,
                startMs: Math.round(start - this.origin),
                ms: Math.round(end - start),
            });
        }
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/runner/timeline.ts
var timeline = __webpack_require__(9971);
;// CONCATENATED MODULE: ./src/runner/summary.ts


/**
 * A summary with nothing in it yet, on the clock of `phases` (their times and start) when given; succeeded
 * until a failure is recorded.
 */
function newSummary(title, phases) {
    return {
        title,
        outcome: 'success',
        rows: [],
        tags: [],
        annotations: [],
        facts: [],
        times: phases?.times ?? [],
        ...(phases ? { startedAt: phases.startedAt } : {}),
    };
}
const html = (s) => s.replace(/</g, '&lt;');
const code = (s) => `<code>${html(s)}</code>`;
const summary_short = (digest) => (digest ? code(digest.slice(0, 19)) : '—');
/** One readable table per run: what was published, from where, and where the time went. */
function renderSummary(s) {
    const out = [`### ${s.outcome === 'success' ? '✅' : '❌'} ${s.title}`, ''];
    if (s.error)
        out.push(`**Failed** — ${html(s.error.replace(/\n/g, ' '))}`, '');
    if (s.rows.length) {
        const withCache = s.rows.some((r) => r.cached !== undefined);
        const withSource = s.rows.some((r) => r.source);
        const withNode = s.rows.some((r) => r.node);
        const head = [
            'Platform',
            'Digest',
            ...(withSource ? ['Source'] : []),
            ...(withNode ? ['Node'] : []),
            'QEMU',
            ...(withCache ? ['Steps cached / run'] : []),
        ];
        out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
        for (const r of s.rows) {
            const cells = [
                code(r.platform),
                summary_short(r.digest),
                ...(withSource ? [r.source ? code(r.source) : '—'] : []),
                ...(withNode ? [r.node ? code(r.node) : '—'] : []),
            ];
            // Unknown for explicit sources: nobody recorded how they were built.
            cells.push(r.emulated === undefined ? '—' : r.emulated ? 'emulated' : 'native');
            if (withCache)
                cells.push(r.cached === undefined ? '—' : `${r.cached} / ${r.executed ?? 0}`);
            out.push(`| ${cells.join(' | ')} |`);
        }
        out.push('');
    }
    if (s.digest)
        out.push(`**Digest:** ${code(s.digest)}`, '');
    if (s.tags.length)
        out.push(`**Tags:** ${s.tags.map(code).join(', ')}`, '');
    if (s.annotations.length)
        out.push(`**Annotations:** ${s.annotations.map(code).join(', ')}`, '');
    for (const [k, v] of s.facts)
        out.push(`**${k}:** ${v}  `);
    if (s.details) {
        const fence = '```';
        out.push('', `<details><summary>${s.details.title}</summary>`, '', `${fence}${s.details.lang}`, s.details.body, fence, '', '</details>');
    }
    if (s.times.length) {
        const total = s.times.reduce((n, t) => n + t.ms, 0);
        out.push('', `<sub>${s.times.map((t) => `${t.phase} ${(t.ms / 1000).toFixed(1)} s`).join(' · ')} · total ${(total / 1000).toFixed(1)} s</sub>`);
    }
    const gantt = summary_timeline(s);
    if (gantt)
        out.push('', gantt);
    if (gantt && s.buildsMissing)
        out.push(`<sub>No per-platform times: ${html(s.buildsMissing)}</sub>`);
    return out.join('\n') + '\n';
}
/** The gantt of phases and platform builds, or '' (a timeline that cannot be drawn never costs the summary). */
function summary_timeline(s) {
    if (s.startedAt === undefined)
        return '';
    try {
        const emulated = s.rows.filter((r) => r.emulated).map((r) => r.platform);
        return (0,timeline/* renderGantt */.ZK)({ startedAt: s.startedAt, phases: s.times, builds: s.builds ?? [], emulated });
    }
    catch {
        return '';
    }
}
/** Appends the rendered summary to the job summary file (GITHUB_STEP_SUMMARY), when the runner gives one. */
async function writeSummary(file, s) {
    if (!file)
        return;
    await (0,promises_.appendFile)(file, renderSummary(s));
}

;// CONCATENATED MODULE: ./src/main.ts






/**
 * Values from `secrets`, the environment named by `secret-envs`, and `github-token` are masked before
 * anything is logged; a multi-line value line by line too (a tool may print one line of it). A value too
 * common to mask (`true`) would hide every later occurrence in the log instead: `secrets` refuses those,
 * and they are left unmasked elsewhere.
 */
function maskSecrets(step, inputs) {
    const values = [
        ...inputs.secrets.map((s) => s.value),
        ...inputs.secretEnvs.map((s) => step.ctx.env[s.value] ?? ''),
        inputs.githubToken ?? '',
    ];
    for (const value of values) {
        const parts = value.includes('\n') ? [value, ...value.split('\n')] : [value];
        for (const part of parts)
            if (!tooCommonToMask(part))
                step.log.mask(part);
    }
    // A node's TLS key given as PEM (setup-buildx-action's BUILDER_NODE_<n>_AUTH_TLS_KEY), line by line too.
    for (const [name, key] of Object.entries(step.ctx.env)) {
        if (!/^BUILDER_NODE_\d+_AUTH_TLS_KEY$/.test(name) || !key)
            continue;
        step.log.mask(key);
        for (const line of key.split('\n'))
            if (line.trim().length >= 8 && !/^-----/.test(line.trim()))
                step.log.mask(line.trim());
    }
}
/**
 * The main step: validates every input first, then runs the mode's phases; always ends with a summary.
 * Resolves true when the run succeeded; a failure is reported (one line) and resolves false.
 */
async function main(step) {
    const phases = new Phases(step.log);
    const summary = newSummary('Multi-platform build', phases);
    let inputs;
    try {
        const get = envInputs(step.ctx.env);
        inputs = await (0,append/* readAppend */.hk)(get, readInputs(get, step.ctx), step.ctx.env);
        maskSecrets(step, inputs);
        if (inputs.mode === 'merge')
            await (await Promise.all(/* import() */[__webpack_require__.e(112), __webpack_require__.e(544)]).then(__webpack_require__.bind(__webpack_require__, 4544))).merge(step, inputs, phases, summary);
        else
            await (await Promise.all(/* import() */[__webpack_require__.e(88), __webpack_require__.e(112), __webpack_require__.e(341), __webpack_require__.e(505)]).then(__webpack_require__.bind(__webpack_require__, 505))).buildPlatforms(step, inputs, phases, summary);
    }
    catch (e) {
        summary.outcome = 'failure';
        summary.error = (0,errors/* errorLine */.BP)(e);
    }
    if (inputs?.summary ?? true)
        await writeSummary(step.ctx.stepSummary, summary).catch((e) => step.log.warning(`summary: ${e.message}`));
    if (summary.error)
        step.log.error(summary.error);
    return summary.outcome === 'success';
}


/***/ }),

/***/ 315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ls: () => (/* binding */ isIndexLevel),
/* harmony export */   fr: () => (/* binding */ parseAnnotation),
/* harmony export */   nM: () => (/* binding */ indexAnnotations),
/* harmony export */   pd: () => (/* binding */ levelsOf),
/* harmony export */   tn: () => (/* binding */ formatAnnotation)
/* harmony export */ });
/* unused harmony export ANNOTATION_LEVELS */
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3065);
// Annotations as buildx writes them: `[level[,level…][platform,…]:]key=value`, kept structured from the
// input to the registry read-back.

/** Levels as buildx names them; an annotation without one is `manifest`. */
const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
/**
 * Parses one `[levels[selector]:]key=value` line. Throws an Error saying what is wrong with the line (the
 * caller names the input).
 */
function parseAnnotation(line) {
    const eq = line.indexOf('=');
    if (eq <= 0)
        throw new Error(`"${line}" is not [level:]key=value`);
    const left = line.slice(0, eq);
    const value = line.slice(eq + 1);
    const colon = left.lastIndexOf(':');
    if (colon < 0)
        return { levels: [], key: left, value };
    const prefix = left.slice(0, colon);
    const key = left.slice(colon + 1);
    const match = /^([a-z,-]+)(\[[^\]]+\])?$/.exec(prefix);
    const levels = match?.[1]?.split(',') ?? [];
    const bad = levels.find((t) => !ANNOTATION_LEVELS.includes(t));
    if (!match || bad !== undefined || !key) {
        throw new Error(`level "${bad ?? prefix}" in "${line}" is not one of ${ANNOTATION_LEVELS.join(', ')}`);
    }
    for (const platform of match[2]?.slice(1, -1).split(',') ?? []) {
        try {
            (0,_platforms_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePlatform */ .FL)(platform);
        }
        catch (e) {
            throw new Error(`the platform selector in "${line}": ${e.message}`, { cause: e });
        }
    }
    return {
        levels: levels,
        ...(match[2] ? { selector: match[2] } : {}),
        key,
        value,
    };
}
/** The annotation as buildx takes it (`--annotation`). */
function formatAnnotation(a) {
    const prefix = a.levels.length ? `${a.levels.join(',')}${a.selector ?? ''}:` : '';
    return `${prefix}${a.key}=${a.value}`;
}
/** The levels an annotation applies to (`manifest` when none is written). */
const levelsOf = (a) => (a.levels.length ? a.levels : ['manifest']);
/** Applies to the index or its descriptor: needs an image index to exist. */
const isIndexLevel = (a) => levelsOf(a).some((l) => l === 'index' || l === 'index-descriptor');
/** The annotations the published index itself must carry, as its `annotations` field would hold them. */
function indexAnnotations(annotations) {
    return Object.fromEntries(annotations.filter((a) => levelsOf(a).includes('index')).map((a) => [a.key, a.value]));
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


/***/ }),

/***/ 9971:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ alignSpans),
/* harmony export */   ZK: () => (/* binding */ renderGantt)
/* harmony export */ });
/* unused harmony exports ganttLabel, tickInterval */
/**
 * Places a build record's spans on the step's clock (ms since `startedAt`). A BuildKit elsewhere (a remote
 * node) may keep another clock: spans that do not fit inside the `build` phase that ran them are moved to
 * start with it, keeping their lengths and their order. Returns [] for no spans.
 */
function alignSpans(spans, startedAt, build) {
    if (!spans.length)
        return [];
    const first = Math.min(...spans.map((s) => s.start));
    const last = Math.max(...spans.map((s) => s.end));
    let shift = -startedAt;
    if (build && (first + shift < build.startMs || last + shift > build.startMs + build.ms))
        shift = build.startMs - first;
    return spans.map((s) => ({
        name: s.name,
        startMs: Math.round(s.start + shift),
        ms: Math.max(0, Math.round(s.end - s.start)),
    }));
}
// Words the gantt lexer takes as statements when a line starts with them (case-insensitively).
const KEYWORD = /^(?:gantt|dateformat|axisformat|tickinterval|inclusiveenddates|topaxis|includes|excludes|todaymarker|weekday|weekend|title|section|click|call|href|acc)/i;
/**
 * `text` as a gantt task or section name. The lexer ends a name at `:`, `#`, `;` or a newline, starts a
 * comment at `%%` and a statement at a keyword; those characters (and HTML's) become Mermaid entity codes
 * (`#58;`), which it decodes only after parsing, so the label reads as given.
 */
function ganttLabel(text) {
    const flat = text.replace(/\s+/g, ' ').trim() || '-';
    const escaped = flat.replace(/[#:;%<>&"`\\{}[\]]/g, (c) => `#${c.charCodeAt(0)};`);
    return KEYWORD.test(escaped) ? `#${escaped.charCodeAt(0)};${escaped.slice(1)}` : escaped;
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
// Axis ticks: the first interval that gives at most 8 of them.
const TICKS = [
    [1, 'second'],
    [2, 'second'],
    [5, 'second'],
    [10, 'second'],
    [15, 'second'],
    [30, 'second'],
    [60, 'minute'],
    [120, 'minute'],
    [300, 'minute'],
    [600, 'minute'],
    [900, 'minute'],
    [1800, 'minute'],
    [3600, 'hour'],
];
/** The gantt's tickInterval for a timeline `totalMs` long, e.g. `5second`, `2minute`. */
function tickInterval(totalMs) {
    const [s, unit] = TICKS.find(([s]) => totalMs / (s * 1000) <= 8) ?? [3600 * 6, 'hour'];
    const per = unit === 'second' ? 1 : unit === 'minute' ? 60 : 3600;
    return `${s / per}${unit}`;
}
/**
 * The timeline as a ```mermaid gantt block (with a trailing newline), or '' when there is nothing to draw.
 * Times are wall-clock (dateFormat x, epoch ms), so the axis reads as the run's clock time in the reader's
 * time zone; a zero-length phase stays zero-length (Mermaid draws its label).
 */
function renderGantt(t) {
    if (!t.phases.length && !t.builds.length)
        return '';
    const bars = [...t.phases.map((p) => ({ startMs: p.startMs, ms: p.ms })), ...t.builds];
    const end = Math.max(...bars.map((b) => b.startMs + b.ms));
    const start = Math.min(...bars.map((b) => b.startMs));
    const task = (label, startMs, ms) => {
        const from = t.startedAt + Math.round(startMs);
        return `  ${ganttLabel(`${label} ${seconds(ms)}`)} : ${from}, ${from + Math.max(0, Math.round(ms))}`;
    };
    const emulated = new Set(t.emulated ?? []);
    const lines = [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        `  tickInterval ${tickInterval(end - start)}`,
        '  todayMarker off',
    ];
    if (t.phases.length) {
        lines.push('  section Step');
        for (const p of t.phases)
            lines.push(task(p.phase, p.startMs, p.ms));
    }
    if (t.builds.length) {
        lines.push('  section Build');
        for (const b of t.builds)
            lines.push(task(emulated.has(b.name) ? `${b.name} (QEMU)` : b.name, b.startMs, b.ms));
    }
    lines.push('```');
    return lines.join('\n') + '\n';
}


/***/ })

};
