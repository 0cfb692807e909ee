export const id = 341;
export const ids = [341];
export const modules = {

/***/ 2852:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eb: () => (/* binding */ removeLocalNode),
/* harmony export */   cI: () => (/* binding */ startLocalNode),
/* harmony export */   zx: () => (/* binding */ planLocalNode)
/* harmony export */ });
/* unused harmony export READY */
/* harmony import */ var _exec_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2568);
/* harmony import */ var _exec_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7195);
/* harmony import */ var _inputs_local_node_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2215);
/* harmony import */ var _inputs_types_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3448);
/* harmony import */ var _registry_failures_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9280);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);
/* harmony import */ var _remove_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3806);
// The builder's own node as a BuildKit container this step starts on the engine, for a builder `append`
// made remote: how it is created (what buildx's docker-container driver would run), started, waited for,
// and removed in post. buildx reaches it at docker-container://<container>.







/**
 * The container for builder `builder`'s own node: buildkit-image (or driver-opts' image=), the step's
 * driver-opts as container flags, buildkitd-flags; `configDir` holds the buildkitd config to copy in. Pure.
 * Throws InputError (driver-opts, buildkitd-flags) as containerOptions and splitFlags do (readAppend has
 * already checked them).
 */
function planLocalNode(builder, inputs, configDir) {
    const container = (0,_remove_js__WEBPACK_IMPORTED_MODULE_5__/* .nodeContainer */ .ol)(builder);
    const volume = (0,_remove_js__WEBPACK_IMPORTED_MODULE_5__/* .nodeVolume */ .d7)(builder);
    const options = (0,_inputs_local_node_js__WEBPACK_IMPORTED_MODULE_2__/* .containerOptions */ .Sb)(inputs.driverOpts);
    const image = options.image ?? inputs.buildkitImage ?? _inputs_types_js__WEBPACK_IMPORTED_MODULE_6__/* .DEFAULT_BUILDKIT_IMAGE */ .LX;
    const create = ['docker', 'create', '--name', container, '--privileged'];
    create.push('--volume', `${volume}:/var/lib/buildkit`, ...options.flags, image);
    create.push(...(0,_inputs_local_node_js__WEBPACK_IMPORTED_MODULE_2__/* .splitFlags */ .g0)(inputs.buildkitdFlags));
    return {
        container,
        volume,
        image,
        create,
        ...(configDir ? { configDir } : {}),
        builderOpts: options.builderOpts,
    };
}
/** How long the step waits for BuildKit to answer in its container: `checks` tries, `intervalMs` apart. */
const READY = { checks: 240, intervalMs: 250 };
/**
 * Creates (pulling the image if missing, retrying transient registry failures), configures and starts the
 * container, then waits until its BuildKit lists its workers, as buildx's docker-container driver does.
 * Throws ActionError (phase builder) naming buildkit-image, buildkitd-config, buildkitd-flags or driver-opts.
 */
async function startLocalNode(step, plan, ready = READY) {
    const { exec, log } = step;
    const which = `this step's BuildKit container ${plan.container}`;
    try {
        await (0,_exec_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(exec, log, { attempts: 3, baseMs: 2000, what: `creating ${which}` }, () => exec.run(plan.create), _registry_failures_js__WEBPACK_IMPORTED_MODULE_3__/* .errorIsTransient */ .pc);
    }
    catch (e) {
        const reason = (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e);
        if (/network \S+ not found/i.test(reason))
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('builder', `could not create ${which} (${reason}); check network= in driver-opts`, 'driver-opts');
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('builder', `could not start this step's BuildKit container from ${plan.image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`, 'buildkit-image');
    }
    if (plan.configDir) {
        await exec.run(['docker', 'cp', `${plan.configDir}/.`, `${plan.container}:/etc/buildkit`]).catch((e) => {
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('builder', `could not copy the buildkitd config into ${which} (${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e)})`, 'buildkitd-config');
        });
    }
    await exec.run(['docker', 'start', plan.container]).catch((e) => {
        throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('builder', `could not start ${which} from ${plan.image} (${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e)}); it runs privileged, which the engine must allow`, 'buildkit-image');
    });
    await waitForBuildkit(step, plan, ready);
}
async function waitForBuildkit(step, plan, ready) {
    const { exec } = step;
    const quiet = { echo: false, allowFailure: true };
    let last = '';
    for (let check = 0; check < ready.checks; check++) {
        const workers = await exec.run(['docker', 'exec', plan.container, 'buildctl', 'debug', 'workers'], quiet);
        if (workers.code === 0)
            return;
        last = (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(workers.stderr || workers.stdout);
        const state = await exec.run(['docker', 'inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', plan.container], quiet);
        const [running, code] = state.stdout.trim().split(' ');
        if (running === 'false') {
            const logs = await exec.run(['docker', 'logs', '--tail', '20', plan.container], quiet);
            throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('builder', `BuildKit in this step's container ${plan.container} exited (code ${code}: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(logs.stderr || logs.stdout)}); check buildkitd-flags and buildkitd-config`, 'buildkitd-flags');
        }
        await exec.sleep(ready.intervalMs);
        if (exec.cancelled)
            throw new _exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(exec.cancelledBy, `BuildKit in ${plan.container} answered`);
    }
    throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('builder', `BuildKit in this step's container ${plan.container} did not answer within ${Math.round((ready.checks * ready.intervalMs) / 1000)} s (${last}); check buildkit-image`, 'buildkit-image');
}
/**
 * Post: removes the container main started for its builder's own node, and its state volume. Either may
 * never have been made (main failed or was cancelled first): nothing to say then. Never throws: a failure is
 * a warning.
 */
async function removeLocalNode(step, container) {
    const run = (argv) => step.exec
        .run(argv, { echo: false, allowFailure: true })
        .catch((e) => ({ code: 1, stdout: '', stderr: (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .errorText */ .kc)(e) }));
    const removed = [];
    const rm = await run(['docker', 'rm', '--force', '--volumes', container]);
    if (rm.code === 0 && rm.stdout.trim() === container)
        removed.push(`container ${container}`);
    else if (rm.code !== 0 && !/no such container/i.test(rm.stderr))
        step.log.warning(`post: could not remove the BuildKit container ${container}: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(rm.stderr)}`);
    const volume = (0,_remove_js__WEBPACK_IMPORTED_MODULE_5__/* .stateVolume */ .aS)(container);
    const gone = await run(['docker', 'volume', 'rm', '--force', volume]);
    if (gone.code === 0 && gone.stdout.trim() === volume)
        removed.push(`volume ${volume}`);
    else if (gone.code !== 0 && !/no such volume/i.test(gone.stderr))
        step.log.warning(`post: could not remove the volume ${volume}: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLine */ .fM)(gone.stderr)}`);
    if (removed.length)
        step.log.info(`Removed the BuildKit ${removed.join(' and ')}`);
}


/***/ }),

/***/ 3806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aS: () => (/* binding */ stateVolume),
/* harmony export */   d7: () => (/* binding */ nodeVolume),
/* harmony export */   iq: () => (/* binding */ removeBuilder),
/* harmony export */   ol: () => (/* binding */ nodeContainer)
/* harmony export */ });
/* unused harmony exports chooseRemover, builderMissing, noBuildx */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _exec_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2568);
/* harmony import */ var _runner_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3098);
/* harmony import */ var _buildx_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1826);
/* harmony import */ var _plugin_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9537);
// Post's removal of the builder main created: with the buildx main ran, whatever the runner has by then.






/**
 * The buildx post removes the builder with: the binary main ran (saved in state) while it exists; else the
 * plugin the docker CLI would run; else the docker CLI's own (`binary` undefined). `gone` is the saved
 * binary when it no longer exists. Pure, given `exists`.
 */
function chooseRemover(saved, plugin, exists) {
    if (saved && exists(saved))
        return { binary: saved };
    return { binary: plugin, ...(saved ? { gone: saved } : {}) };
}
/** How long `buildx rm` may take (it stops BuildKit on every node) before post gives up on the nodes. */
const RM_TIMEOUT_MS = 120_000;
/** The exit code of a command killed by a signal (its timeout). */
const KILLED = 128;
/** buildx's answer for a builder that does not exist (already removed: one info line, no warning). */
const builderMissing = (stderr) => /no builder "[^"]*" found/i.test(stderr);
/** No buildx could run at all: the binary vanished, or the docker CLI has no buildx plugin. */
const noBuildx = (stderr) => /not found on PATH|unknown command|is not a docker command/i.test(stderr);
/** What buildx names a docker-container builder's only node container and that node's state volume. */
const nodeContainer = (builder) => `buildx_buildkit_${builder}0`;
const stateVolume = (container) => `${container}_state`;
const nodeVolume = (builder) => stateVolume(nodeContainer(builder));
/**
 * Removes `builder`'s node container and state volume through the engine, and buildx's record of it: what
 * `buildx rm` does for a docker-container builder, for when no buildx can run. Returns what it removed.
 * Throws when the engine refuses.
 */
async function removeThroughEngine(step, builder) {
    const exact = (name) => `name=^${name.replace(/\./g, '\\.')}$`;
    const names = async (args) => (await step.exec.run(['docker', ...args], { echo: false })).stdout.split('\n').filter(Boolean);
    const removed = [];
    const container = nodeContainer(builder);
    if ((await names(['ps', '-a', '--filter', exact(container), '--format', '{{.Names}}'])).includes(container)) {
        await step.exec.run(['docker', 'rm', '--force', '--volumes', container]);
        removed.push(`container ${container}`);
    }
    const volume = nodeVolume(builder);
    if ((await names(['volume', 'ls', '--filter', exact(volume), '--format', '{{.Name}}'])).includes(volume)) {
        await step.exec.run(['docker', 'volume', 'rm', '--force', volume]);
        removed.push(`volume ${volume}`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .childPath */ .c)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(step.ctx.dockerConfig, 'buildx', 'instances'), builder), { force: true });
    return removed;
}
/**
 * Removes the builder main created, with the buildx main ran (`saved`, from state). When that binary is
 * gone, falls back to the plugin or the docker CLI, and when no buildx can run at all, to the engine; each
 * fallback is said in one warning; a builder that does not exist (main stopped before creating it) in one
 * info line, without buildx's error. Never throws: a failure is a warning.
 */
async function removeBuilder(step, builder, saved, exists) {
    const { log } = step;
    const choice = chooseRemover(saved, (0,_plugin_js__WEBPACK_IMPORTED_MODULE_5__/* .findBuildxPlugin */ .l)(step.ctx.dockerConfig), exists);
    // Not echoed as it runs: a builder that no longer exists is one info line, not buildx's two errors.
    const rmWith = async (args, timeoutMs) => {
        log.info(`[command] docker buildx ${['rm', ...args, builder].join(' ')}`);
        const result = await (0,_buildx_js__WEBPACK_IMPORTED_MODULE_4__/* .buildxHandle */ .Dy)(step.exec, choice.binary)
            .run(['rm', ...args, builder], { allowFailure: true, timeoutMs, echo: false })
            .catch((e) => ({ code: 1, stdout: '', stderr: (0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .errorText */ .kc)(e) }));
        if (!builderMissing(result.stderr))
            log.write(`${result.stdout}${result.stderr}`);
        return result;
    };
    const started = Date.now();
    const result = await rmWith([], RM_TIMEOUT_MS);
    // Killed at its deadline: run directly, buildx dies of the signal; through the docker CLI, it exits 1.
    if (result.code === KILLED || (result.code !== 0 && Date.now() - started >= RM_TIMEOUT_MS)) {
        // A node whose host is gone (an appended ssh:// or docker-context node) keeps `rm` waiting on it: drop
        // the builder's record at least, so this runner holds nothing of it.
        const record = await rmWith(['--keep-daemon'], 30_000);
        log.warning(`post: removing builder ${builder} took over ${RM_TIMEOUT_MS / 1000} s (a node that cannot be reached?); ${record.code === 0 ? 'removed its record only: BuildKit may still run on its nodes' : `could not remove it: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .lastLine */ .fM)(record.stderr)}`}`);
        return;
    }
    const gone = choice.gone ? `the buildx main ran (${choice.gone}) is gone` : undefined;
    if (result.code === 0 || builderMissing(result.stderr)) {
        if (gone)
            log.warning(`post: ${gone}; removing builder ${builder} with ${choice.binary ?? 'docker buildx'}`);
        if (result.code !== 0)
            log.info(`post: builder ${builder} does not exist (main stopped before creating it, or it was removed already): nothing to remove`);
        return;
    }
    if (!noBuildx(result.stderr)) {
        log.warning(`post: could not remove builder ${builder}: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .lastLine */ .fM)(result.stderr)}`);
        return;
    }
    const why = gone ? `${gone} and no other buildx is installed` : 'no buildx is installed';
    try {
        const removed = await removeThroughEngine(step, builder);
        log.warning(`post: ${why}; ${removed.length ? `removed builder ${builder}'s ${removed.join(' and ')} through the engine` : `builder ${builder} left nothing on this engine`}`);
    }
    catch (e) {
        log.warning(`post: ${why}, and removing builder ${builder} through the engine failed: ${(0,_exec_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .errorText */ .kc)(e)}`);
    }
}


/***/ }),

/***/ 7218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vl: () => (/* binding */ removeHandler),
/* harmony export */   ik: () => (/* binding */ registerHandler),
/* harmony export */   io: () => (/* binding */ handlerState),
/* harmony export */   rm: () => (/* binding */ readHandler),
/* harmony export */   tE: () => (/* binding */ asRoot)
/* harmony export */ });
/* unused harmony export parseHandler */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
// The kernel's binfmt_misc, as this action reads and writes it: one file per handler (`qemu-<arch>`), a
// `register` file to add one, `-1` written to a handler to remove it. Root writes directly, others via sudo.

/** Parses <binfmt_misc>/<name>: `enabled`, `interpreter …`, `flags: …`, `offset`, `magic`, `mask`. */
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
/** Whether a handler is usable by build containers: registered, enabled, and with F (interpreter opened). */
function handlerState(handler) {
    if (!handler)
        return 'missing';
    if (!handler.enabled)
        return 'disabled';
    return handler.flags.includes('F') ? 'ready' : 'no-fix-binary';
}
/** `argv` as root: as is when the step runs as root, else through `sudo -n` (never a password prompt). */
const asRoot = (step, argv) => (step.ctx.root ? argv : ['sudo', '-n', ...argv]);
/** The registered handler for a qemu arch (`aarch64`), or undefined when there is none. Never throws. */
async function readHandler(step, arch) {
    try {
        return parseHandler(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(`${step.ctx.binfmtDir}/qemu-${arch}`, 'utf8'));
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
/**
 * Writes a register line. Resolves `exists` when the kernel answers EEXIST: a handler of that name was
 * registered meanwhile (by another job on this host), which is not an error. Throws on any other failure.
 */
async function registerHandler(step, line) {
    try {
        await writeProc(step, `${step.ctx.binfmtDir}/register`, line);
        return 'registered';
    }
    catch (e) {
        const err = e;
        // As root the write itself fails with EEXIST; through sudo, tee says so.
        if (err.code === 'EEXIST' || /File exists/.test(err.message))
            return 'exists';
        throw e;
    }
}
/** Removes the handler for a qemu arch. Throws when it is still there afterwards. */
async function removeHandler(step, arch) {
    try {
        await writeProc(step, `${step.ctx.binfmtDir}/qemu-${arch}`, '-1');
    }
    catch (e) {
        if (await readHandler(step, arch))
            throw e;
    }
}


/***/ }),

/***/ 9947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ withQemuLock),
/* harmony export */   F3: () => (/* binding */ planRelease),
/* harmony export */   Hz: () => (/* binding */ archesUsedBy),
/* harmony export */   J3: () => (/* binding */ userId),
/* harmony export */   NC: () => (/* binding */ readUses),
/* harmony export */   YH: () => (/* binding */ planMarker),
/* harmony export */   gE: () => (/* binding */ dropRecords),
/* harmony export */   jb: () => (/* binding */ startsOf),
/* harmony export */   zk: () => (/* binding */ recordUse)
/* harmony export */ });
/* unused harmony exports startTimeOf, processStart, isLive */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5507);
/* harmony import */ var _runner_paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3098);
// QEMU handlers are global to the host, and several jobs may run on one host at once. Runs of this action
// share, under the host state dir (ctx.hostStateDir, /run/multiarch-build-action):
// - `qemu.lock`: an advisory lock (flock) around "check the handlers, register the missing ones, record the
//   use" in main and "drop the use, remove the handler if nobody uses it" in post;
// - `qemu-<arch>/<run>.user`: one record per run using the handler, naming the process that started the
//   step (the runner's worker: alive as long as the job). A record whose process is gone is a dead job's,
//   and is pruned;
// - `qemu-<arch>/cleanup`: present when the run that registered the handler asked for qemu-cleanup. The last
//   run to stop using the handler then removes it, whichever run that is.





/** A run's id in the records: run, attempt, job, and randomness (matrix legs share the first three). */
function userId(ctx, random) {
    const rand = random ?? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex');
    return `${ctx.runId}-${ctx.runAttempt}-${ctx.job || 'local'}-${rand}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}
/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot): with the pid, it names a process. */
function startTimeOf(stat) {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
}
/** The start time of process `pid` (see startTimeOf), or undefined when there is no such process (or pid ≤ 1). */
async function processStart(pid) {
    if (pid <= 1)
        return undefined;
    try {
        return startTimeOf(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(`/proc/${pid}/stat`, 'utf8'));
    }
    catch {
        return undefined;
    }
}
/** A record is live while its process runs (same pid, same start time); an unknown process always is. */
const isLive = (user, starts) => user.pid <= 1 || (starts.get(user.pid) !== undefined && starts.get(user.pid) === user.start);
/** What post does with one handler this run used. `present`: the handler is still registered. Pure. */
function planRelease(me, uses, present, starts) {
    const others = uses.users.filter((u) => u.id !== me);
    const live = others.filter((u) => isLive(u, starts));
    const drop = [
        ...(uses.users.some((u) => u.id === me) ? [me] : []),
        ...others.filter((u) => !isLive(u, starts)).map((u) => u.id),
    ];
    const cleanupBy = uses.cleanupBy === undefined ? undefined : uses.cleanupBy === me ? 'this run' : 'another run';
    return {
        arch: uses.arch,
        drop,
        others: live.length,
        remove: !!cleanupBy && present && !live.length,
        cleanupBy,
    };
}
/**
 * The cleanup marker after main used a handler: `registered` by this run (with `cleanup` asked), `appeared`
 * while it was registering (someone else's), or found in place. Returns 'write', 'drop' or 'keep'. Pure.
 */
function planMarker(how, cleanup) {
    if (how === 'registered')
        return cleanup ? 'write' : 'drop';
    // A marker left beside a handler this run saw appear names an earlier registration, not this handler.
    return how === 'appeared' ? 'drop' : 'keep';
}
const archDir = (ctx, arch) => (0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .childPath */ .c)(ctx.hostStateDir, `qemu-${arch}`);
/**
 * Makes the host state dir (and `subdir`, if given) usable by every run on the host: root-owned, mode 1777
 * like /tmp (others cannot delete a run's records). Through sudo when not root. Returns false when it
 * cannot be made.
 */
async function ensureDir(step, dir) {
    try {
        const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(dir);
        return st.isDirectory() && !st.isSymbolicLink();
    }
    catch {
        // not there yet
    }
    try {
        if (step.ctx.root || dir !== step.ctx.hostStateDir) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(dir, { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.chmod)(dir, 0o1777);
        }
        else {
            await step.exec.run(['sudo', '-n', 'install', '-d', '-m', '1777', dir], { echo: false });
        }
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Opens the lock file for reading (all flock needs), creating it when missing. Never O_CREAT on a file that
 * exists: in a sticky world-writable dir the kernel refuses that for another user's file.
 */
async function openLockFile(path) {
    const { O_RDONLY, O_NOFOLLOW, O_CREAT, O_EXCL } = node_fs__WEBPACK_IMPORTED_MODULE_1__.constants;
    for (;;) {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, O_RDONLY | O_NOFOLLOW);
        }
        catch (e) {
            if (e.code !== 'ENOENT')
                throw e;
        }
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, O_RDONLY | O_NOFOLLOW | O_CREAT | O_EXCL, 0o644);
        }
        catch (e) {
            if (e.code !== 'EEXIST')
                throw e;
        }
    }
}
/**
 * Runs `fn` holding the host's QEMU lock (flock on `<host state dir>/qemu.lock`), waiting up to 10 minutes
 * for another run to release it; `fn` is told whether the state dir is usable (records can be kept).
 * Without `flock`, runs `fn` unlocked with a warning; without a usable state dir, says so and runs it.
 * Throws ActionError (phase qemu) when the lock stays held.
 */
async function withQemuLock(step, fn) {
    const { ctx, log } = step;
    if (!(await ensureDir(step, ctx.hostStateDir))) {
        // Said, not warned: a run that cannot write /run cannot register or remove a handler either.
        log.info(`qemu: cannot use ${ctx.hostStateDir} (as root, or through passwordless sudo): other jobs on this host are not told which QEMU handlers this one uses`);
        return fn(false);
    }
    const path = (0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .childPath */ .c)(ctx.hostStateDir, 'qemu.lock');
    const file = await openLockFile(path).catch((e) => e);
    if (file instanceof Error) {
        log.warning(`qemu: cannot open ${path} (${file.message}): registering without the host lock`);
        return fn(true);
    }
    try {
        // flock on the inherited descriptor locks the open file itself: held by this process until it closes it.
        const lock = (args) => step.exec.run(['flock', '-x', ...args, '3'], { fds: [file.fd], echo: false, allowFailure: true });
        let got = await lock(['-n']).catch((e) => e);
        if (got instanceof Error) {
            log.warning(`qemu: ${got.message}: registering without the host lock other runs of this action share`);
            return await fn(true);
        }
        if (got.code !== 0) {
            log.info(`Waiting for another run of this action on this host to finish with its QEMU handlers (${path})`);
            got = await lock(['-w', '600']);
            if (got.code !== 0) {
                throw new _runner_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .lZ('qemu', `another run on this host has held ${path} for 10 minutes; if no job is registering QEMU handlers, delete that file, or set qemu: off`, 'qemu');
            }
        }
        return await fn(true);
    }
    finally {
        await file.close();
    }
}
/** The records of one handler. Unreadable entries are skipped (they name nobody). */
async function readUses(ctx, arch) {
    const dir = archDir(ctx, arch);
    const users = [];
    let cleanupBy;
    for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(dir).catch(() => [])) {
        try {
            const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)((0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .childPath */ .c)(dir, name), 'utf8');
            if (name === 'cleanup')
                cleanupBy = text.trim() || undefined;
            else if (name.endsWith('.user')) {
                const { pid, start } = JSON.parse(text);
                const id = name.slice(0, -'.user'.length);
                users.push({ id, pid: Number(pid) || 0, start: typeof start === 'string' ? start : '' });
            }
        }
        catch {
            // gone meanwhile, or not ours to read
        }
    }
    return { arch, users, ...(cleanupBy ? { cleanupBy } : {}) };
}
/** Writes this run's use of `arch` and sets its cleanup marker as `marker` says. Call under the lock. */
async function recordUse(step, me, arch, marker) {
    const dir = archDir(step.ctx, arch);
    if (!(await ensureDir(step, dir)))
        throw new Error(`cannot create ${dir}`);
    const pid = step.ctx.parentPid;
    const record = JSON.stringify({ pid, start: (await processStart(pid)) ?? '' });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)((0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .childPath */ .c)(dir, `${me}.user`), record, { mode: 0o644, flag: 'wx' });
    const markerFile = (0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .childPath */ .c)(dir, 'cleanup');
    if (marker !== 'keep')
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(markerFile, { force: true });
    if (marker === 'write')
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(markerFile, me, { mode: 0o644, flag: 'wx' });
}
/**
 * Deletes records (and, with `marker`, the cleanup marker) of one handler, and its folder once empty. Call
 * under the lock (a run recording its use creates the folder under it). Never throws.
 */
async function dropRecords(ctx, arch, ids, marker) {
    const dir = archDir(ctx, arch);
    const names = [...ids.map((id) => `${id}.user`), ...(marker ? ['cleanup'] : [])];
    for (const name of names)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)((0,_runner_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .childPath */ .c)(dir, name), { force: true }).catch(() => undefined);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rmdir)(dir).catch(() => undefined); // ENOTEMPTY while another run still records its use
}
/** The qemu arches with a record of run `me`. */
async function archesUsedBy(ctx, me) {
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(ctx.hostStateDir).catch(() => []);
    const arches = [];
    for (const entry of entries.filter((e) => e.startsWith('qemu-')).sort()) {
        const arch = entry.slice('qemu-'.length);
        if ((await readUses(ctx, arch)).users.some((u) => u.id === me))
            arches.push(arch);
    }
    return arches;
}
/** Start times of every process named by `uses`, read once. */
async function startsOf(uses) {
    const pids = new Set(uses.flatMap((u) => u.users.map((r) => r.pid)));
    const starts = new Map();
    for (const pid of pids)
        starts.set(pid, await processStart(pid));
    return starts;
}


/***/ }),

/***/ 3098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ childPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * The path of `name` directly inside `root`: `name` must be one plain path component (no separator, not
 * `.` or `..`), so the result can never leave `root` whatever the name holds. Throws an Error naming both
 * otherwise; callers validate their inputs first, so this is the guard of last resort.
 */
function childPath(root, name) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(root, name);
    if (!name ||
        name === '.' ||
        name === '..' ||
        /[/\\]/.test(name) ||
        (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(root), path) !== name) {
        throw new Error(`"${name}" is not a plain name inside ${root}`);
    }
    return path;
}


/***/ })

};
