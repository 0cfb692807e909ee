export const id = 107;
export const ids = [107];
export const modules = {

/***/ 9107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   merge: () => (/* binding */ merge)
/* harmony export */ });
/* unused harmony exports sourceRef, applyOverrides, mergeAnnotations, planCreate */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3190);
/* harmony import */ var _handoff_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7989);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8422);
/* harmony import */ var _manifest_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5546);
/* harmony import */ var _platforms_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9799);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1977);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2462);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9506);














/** `sha256:` sources take the repository of the first image, as imagetools does with its tags. */
function sourceRef(source, images) {
    return (0,_refs_js__WEBPACK_IMPORTED_MODULE_10__/* .isDigest */ .Bc)(source) ? `${images[0]}@${source}` : source;
}
const platformText = (d) => d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';
/** Overrides match a platform exactly as written in the index (linux/arm is not linux/arm/v7). */
function applyOverrides(entries, overrides) {
    const used = new Set();
    const out = entries.map((entry) => {
        const i = overrides.findIndex((o) => (0,_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq)(o.from) === platformText(entry.descriptor));
        const rule = overrides[i];
        if (!rule || (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .isAttestation */ .H3)(entry.descriptor))
            return entry;
        used.add(i);
        const { os, arch: architecture, variant } = rule.to;
        const platform = { ...entry.descriptor.platform, os, architecture, ...(variant ? { variant } : {}) };
        if (!variant)
            delete platform.variant;
        return {
            ...entry,
            descriptor: { ...entry.descriptor, platform },
            platform: (0,_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq)(rule.to),
            overridden: true,
        };
    });
    const unused = overrides
        .filter((_, i) => !used.has(i))
        .map((o) => `${(0,_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq)(o.from)}=${(0,_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq)(o.to)}`);
    return { entries: out, unused };
}
/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
function mergeAnnotations(annotations) {
    const args = [];
    let moved = 0;
    const dropped = [];
    for (const a of annotations) {
        const types = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .annotationTypes */ .PB)(a);
        const keep = types.filter((t) => t === 'index' || t === 'manifest-descriptor');
        if (types.includes('manifest') && !keep.includes('index')) {
            keep.push('index');
            moved++;
        }
        if (!keep.length) {
            dropped.push((0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .formatAnnotation */ .tn)(a));
            continue;
        }
        args.push((0,_inputs_js__WEBPACK_IMPORTED_MODULE_7__/* .formatAnnotation */ .tn)({ ...a, types: keep }));
    }
    return { args: args.flatMap((v) => ['--annotation', v]), moved, dropped };
}
/**
 * One `imagetools create` per repository. With an override, every entry goes as a descriptor file (its
 * platform rewritten, attestations and annotations kept): buildx cannot mix those with reference sources.
 */
function planCreate(tags, sources, annotationArgs, descriptorFiles) {
    return (0,_tags_js__WEBPACK_IMPORTED_MODULE_12__/* .repositoriesOf */ .U)(tags).map((repository) => {
        const repoTags = tags.filter((t) => (0,_refs_js__WEBPACK_IMPORTED_MODULE_10__/* .parseReference */ .F2)(t)?.repository === repository);
        const argv = ['docker', 'buildx', 'imagetools', 'create', '--progress', 'plain', ...annotationArgs];
        for (const t of repoTags)
            argv.push('--tag', t);
        if (descriptorFiles.length)
            for (const file of descriptorFiles)
                argv.push('--file', file);
        else
            argv.push(...sources.map((s) => s.ref));
        return { repository, tags: repoTags, argv };
    });
}
async function findSources(inputs, platforms, store) {
    if (inputs.sources.length)
        return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
    const mode = (0,_handoff_js__WEBPACK_IMPORTED_MODULE_6__/* .resolveHandoff */ .nK)(inputs.handoff, process.env);
    const env = process.env;
    const found = [];
    const missing = [];
    if (mode === 'cache') {
        const cache = store ?? (0,_handoff_js__WEBPACK_IMPORTED_MODULE_6__/* .actionsCacheStore */ .$u)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'multiarch-handoff'));
        for (const p of platforms) {
            const record = await cache.load((0,_handoff_js__WEBPACK_IMPORTED_MODULE_6__/* .handoffKeyPrefix */ .ox)(inputs.images, p, env), (0,_handoff_js__WEBPACK_IMPORTED_MODULE_6__/* .handoffKey */ .Sm)(inputs.images, p, env));
            if (record)
                found.push({
                    label: `leg ${record.job || record.platform} (attempt ${record.runAttempt})`,
                    ref: `${inputs.images[0]}@${record.digest}`,
                });
            else
                missing.push((0,_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq)(p));
        }
    }
    else {
        const bases = [(0,_handoff_js__WEBPACK_IMPORTED_MODULE_6__/* .defaultTagBase */ .vE)(env), ...inputs.tags.filter((t) => !t.includes(':') && !t.includes('/'))];
        for (const p of platforms) {
            let hit;
            for (const base of bases) {
                const [ref] = (0,_handoff_js__WEBPACK_IMPORTED_MODULE_6__/* .legTags */ .u3)(inputs.images.slice(0, 1), [base], p, env);
                const ok = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .exec */ .m0)(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], {
                    echo: false,
                    allowFailure: true,
                });
                if (ok.code === 0) {
                    hit = ref;
                    break;
                }
            }
            if (hit)
                found.push({ label: hit, ref: hit });
            else
                missing.push((0,_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq)(p));
        }
    }
    if (missing.length) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('merge', `no leg was handed off (${mode}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} with mode: build and the same image and handoff — nothing was pushed`, 'platforms');
    }
    const unique = new Map(found.map((s) => [s.ref, s]));
    return [...unique.values()];
}
/** Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it. */
async function merge(inputs, phases, summary, store) {
    summary.title = 'Multi-platform merge';
    const tempDir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'multiarch-merge-'));
    (0,_state_js__WEBPACK_IMPORTED_MODULE_11__/* .saveState */ .LZ)('tempDir', tempDir);
    const tags = (0,_tags_js__WEBPACK_IMPORTED_MODULE_12__/* .resolveTags */ .y)(inputs.images, inputs.tags);
    const { sources, entries } = await phases.run('collect', 'Collecting the legs', async () => {
        const sources = await findSources(inputs, inputs.platforms, store);
        const inspected = [];
        for (const source of sources) {
            try {
                inspected.push({ source, found: await (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .inspectRaw */ .hD)(source.ref) });
            }
            catch (e) {
                const stderr = e.result?.stderr;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('merge', `cannot read source ${source.label}: ${stderr ? (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .lastLine */ .fM)(stderr) : e.message}`, 'sources');
            }
        }
        const raw = inspected.flatMap(({ source, found }) => (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .isIndex */ .nw)(found.manifest)
            ? (found.manifest.manifests ?? []).map((descriptor) => ({
                source,
                descriptor,
                platform: (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .descriptorPlatform */ .fA)(descriptor),
                overridden: false,
            }))
            : [
                {
                    source,
                    descriptor: {
                        mediaType: found.manifest.mediaType ?? '',
                        digest: found.digest,
                        size: found.raw.length,
                    },
                    platform: 'unknown',
                    overridden: false,
                },
            ]);
        const { entries, unused } = applyOverrides(raw, inputs.platformOverrides);
        if (unused.length) {
            const present = [
                ...new Set(raw.filter((e) => !(0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .isAttestation */ .H3)(e.descriptor)).map((e) => platformText(e.descriptor))),
            ];
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('merge', `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`, 'platform-overrides');
        }
        return { sources, entries };
    });
    const images = entries.filter((e) => !(0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .isAttestation */ .H3)(e.descriptor));
    const actual = images.map((e) => e.platform);
    const expected = inputs.platforms.length ? inputs.platforms.map(_platforms_js__WEBPACK_IMPORTED_MODULE_9__/* .formatPlatform */ .Bq) : [...new Set(actual)];
    const { missing, extra, duplicate } = (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .diffPlatforms */ .Wd)(expected, actual);
    if (missing.length || extra.length || duplicate.length) {
        const parts = [
            missing.length ? `missing ${missing.join(', ')}` : '',
            extra.length ? `not in platforms: ${extra.join(', ')}` : '',
            duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
        ].filter(Boolean);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('merge', `the sources do not match platforms (${parts.join('; ')}); nothing was pushed`, 'platforms');
    }
    const annotations = mergeAnnotations(inputs.annotations);
    if (annotations.moved)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`${annotations.moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`);
    if (annotations.dropped.length)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Not applicable to a merged index, dropped: ${annotations.dropped.join(', ')}`);
    const descriptorFiles = [];
    if (entries.some((e) => e.overridden)) {
        for (const [i, e] of entries.entries()) {
            const file = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(tempDir, `descriptor-${i}.json`);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(file, JSON.stringify(e.descriptor));
            descriptorFiles.push(file);
        }
    }
    const plans = planCreate(tags, sources, annotations.args, descriptorFiles);
    await phases.run('publish', `Publishing ${tags.length} tag(s)`, async () => {
        for (const plan of plans) {
            try {
                await (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .retry */ .L5)({ attempts: 4, baseMs: 1000, what: `publishing ${plan.repository}` }, () => (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .exec */ .m0)(plan.argv));
            }
            catch (e) {
                const stderr = e.result?.stderr;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ActionError */ .lZ('merge', `publishing ${plan.repository} failed: ${stderr ? (0,_exec_js__WEBPACK_IMPORTED_MODULE_5__/* .lastLine */ .fM)(stderr) : e.message}`);
            }
        }
    });
    const indexAnnotations = Object.fromEntries(annotations.args
        .filter((a, i) => i % 2 === 1 && a.startsWith('index'))
        .map((a) => {
        const kv = a.slice(a.indexOf(':') + 1);
        return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
    }));
    const published = await phases.run('verify', 'Verifying the registry', () => (0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .verifyPublished */ .uf)({ refs: tags, platforms: expected, indexAnnotations }));
    const first = published[0];
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('digest', first.digest);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('tags', tags.join('\n'));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('platforms', expected.join(','));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('manifest', first.raw);
    const published0 = new Map((first.manifest.manifests ?? []).filter((d) => !(0,_manifest_js__WEBPACK_IMPORTED_MODULE_8__/* .isAttestation */ .H3)(d)).map((d) => [d.digest, d]));
    summary.rows = images.map((e) => ({
        platform: e.platform,
        digest: published0.get(e.descriptor.digest)?.digest ?? e.descriptor.digest,
        source: e.source.label,
    }));
    summary.digest = first.digest;
    summary.tags = tags;
    summary.annotations = Object.entries(indexAnnotations).map(([k, v]) => `index:${k}=${v}`);
}


/***/ })

};
