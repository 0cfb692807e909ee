export const id = 974;
export const ids = [974];
export const modules = {

/***/ 5974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUBLISH_RETRY: () => (/* binding */ PUBLISH_RETRY),
  applyOverrides: () => (/* binding */ applyOverrides),
  merge: () => (/* binding */ merge),
  mergeAnnotations: () => (/* binding */ mergeAnnotations),
  planCreate: () => (/* binding */ planCreate),
  sourceRef: () => (/* reexport */ sourceRef),
  tagStates: () => (/* binding */ tagStates)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/buildx.ts
var buildx = __webpack_require__(9903);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var inputs = __webpack_require__(5864);
// EXTERNAL MODULE: ./src/manifest.ts
var manifest = __webpack_require__(5546);
// EXTERNAL MODULE: ./src/cache.ts
var cache = __webpack_require__(7377);
// EXTERNAL MODULE: ./src/handoff.ts
var handoff = __webpack_require__(7989);
// EXTERNAL MODULE: ./src/platforms.ts
var src_platforms = __webpack_require__(9799);
// EXTERNAL MODULE: ./src/refs.ts
var refs = __webpack_require__(1977);
;// CONCATENATED MODULE: ./src/merge-sources.ts
// Where a merge's sources are: explicit references, the legs' Actions cache records, or their per-platform
// tags; and the index entries each contributes.






/** `sha256:` sources take the repository of the first image, as imagetools does with its tags. */
function sourceRef(source, images) {
    return (0,refs/* isDigest */.Bc)(source) ? `${images[0]}@${source}` : source;
}
/** The index entries a source contributes (a single manifest becomes one entry, its platform from its config). */
async function sourceEntries(source) {
    try {
        const found = source.found ?? (await (0,manifest/* inspectRaw */.hD)(source.ref));
        if ((0,manifest/* isIndex */.nw)(found.manifest)) {
            return (found.manifest.manifests ?? []).map((descriptor) => ({
                source,
                descriptor,
                platform: (0,manifest/* descriptorPlatform */.fA)(descriptor),
                overridden: false,
            }));
        }
        // A single-platform image (a leg built with provenance and sbom off): its config names the platform.
        const descriptor = {
            mediaType: found.manifest.mediaType ?? '',
            digest: found.digest,
            size: Buffer.byteLength(found.raw),
            platform: await (0,manifest/* manifestPlatform */.bw)(`${(0,refs/* parseReference */.F2)(source.ref)?.repository}@${found.digest}`),
        };
        return [{ source, descriptor, platform: (0,manifest/* descriptorPlatform */.fA)(descriptor), overridden: false }];
    }
    catch (e) {
        if (e instanceof errors/* ActionError */.lZ)
            throw e;
        throw new errors/* ActionError */.lZ('merge', `cannot read source ${source.label}: ${(0,manifest/* registryReason */.sA)(e)}`, 'sources');
    }
}
async function fromCache(inputs, platforms, store) {
    const cache = store ?? (0,handoff/* actionsCacheStore */.$u)();
    const env = process.env;
    const lookup = { found: [], missing: [] };
    for (const p of platforms) {
        const record = await cache.load((0,handoff/* handoffKeyPrefix */.ox)(inputs.images, p, env), (0,handoff/* handoffKey */.Sm)(inputs.images, p, env));
        if (record) {
            const label = `leg ${record.job || record.platform} (attempt ${record.runAttempt})`;
            lookup.found.push({ label, ref: `${inputs.images[0]}@${record.digest}` });
        }
        else
            lookup.missing.push(p);
    }
    return lookup;
}
async function fromTags(inputs, platforms) {
    // Legs tag <base>-<platform> for each of their tags (bare or full, as metadata-action gives them).
    const bases = [(0,handoff/* defaultTagBase */.vE)(process.env), ...inputs.tags];
    const lookup = { found: [], missing: [] };
    for (const p of platforms) {
        let hit;
        for (const base of bases) {
            const [ref] = (0,handoff/* legTags */.u3)(inputs.images.slice(0, 1), [base], p, process.env);
            // Only "not found" means the leg is missing: a registry that fails to answer must not pass for one.
            let inspected;
            try {
                inspected = await (0,manifest/* lookupRaw */.fY)(ref);
            }
            catch (e) {
                throw new errors/* ActionError */.lZ('merge', `cannot look up the leg ${ref}: ${(0,manifest/* registryReason */.sA)(e)}`);
            }
            if (inspected) {
                hit = { label: ref, ref, found: inspected };
                break;
            }
        }
        if (hit)
            lookup.found.push(hit);
        else
            lookup.missing.push(p);
    }
    return lookup;
}
/**
 * Where the legs are. `auto` reads the Actions cache when it is there and then looks for per-platform tags
 * for whatever it did not find: a leg on the docker driver hands off by tags even where the cache exists.
 */
async function findSources(inputs, platforms, store) {
    if (inputs.sources.length)
        return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
    const useCache = inputs.handoff === 'cache' ||
        (inputs.handoff === 'auto' && (store !== undefined || (0,cache/* ghaAvailable */.w1)(process.env)));
    const cached = useCache
        ? await fromCache(inputs, platforms, store)
        : { found: [], missing: platforms };
    const tagged = inputs.handoff === 'cache'
        ? { found: [], missing: cached.missing }
        : await fromTags(inputs, cached.missing);
    if (tagged.missing.length) {
        const missing = tagged.missing.map(src_platforms/* formatPlatform */.Bq);
        const where = inputs.handoff === 'auto' ? (useCache ? 'cache or tags' : 'tags') : inputs.handoff;
        throw new errors/* ActionError */.lZ('merge', `no leg was handed off (${where}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} with mode: build and the same image and handoff — nothing was pushed`, 'platforms');
    }
    const unique = new Map([...cached.found, ...tagged.found].map((s) => [s.ref, s]));
    return [...unique.values()];
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/tags.ts
var src_tags = __webpack_require__(9506);
;// CONCATENATED MODULE: ./src/merge.ts














const platformText = (d) => d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';
/** Overrides match a platform exactly as written in the index (linux/arm is not linux/arm/v7). */
function applyOverrides(entries, overrides) {
    const used = new Set();
    const out = entries.map((entry) => {
        const i = overrides.findIndex((o) => (0,src_platforms/* formatPlatform */.Bq)(o.from) === platformText(entry.descriptor));
        const rule = overrides[i];
        if (!rule || (0,manifest/* isAttestation */.H3)(entry.descriptor))
            return entry;
        used.add(i);
        const { os, arch: architecture, variant } = rule.to;
        const platform = { ...entry.descriptor.platform, os, architecture, ...(variant ? { variant } : {}) };
        if (!variant)
            delete platform.variant;
        return {
            ...entry,
            descriptor: { ...entry.descriptor, platform },
            platform: (0,src_platforms/* formatPlatform */.Bq)(rule.to),
            overridden: true,
        };
    });
    const unused = overrides
        .filter((_, i) => !used.has(i))
        .map((o) => `${(0,src_platforms/* formatPlatform */.Bq)(o.from)}=${(0,src_platforms/* formatPlatform */.Bq)(o.to)}`);
    return { entries: out, unused };
}
/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
function mergeAnnotations(annotations) {
    const args = [];
    let moved = 0;
    const dropped = [];
    for (const a of annotations) {
        const types = (0,inputs/* annotationTypes */.PB)(a);
        const keep = types.filter((t) => t === 'index' || t === 'manifest-descriptor');
        // A platform-selected manifest annotation has no meaning on the whole index: dropped, with a warning.
        if (types.includes('manifest') && !keep.includes('index') && !a.selector) {
            keep.push('index');
            moved++;
        }
        if (!keep.length) {
            dropped.push((0,inputs/* formatAnnotation */.tn)(a));
            continue;
        }
        args.push((0,inputs/* formatAnnotation */.tn)({ ...a, types: keep }));
    }
    return { args: args.flatMap((v) => ['--annotation', v]), moved, dropped };
}
/**
 * One `imagetools create` per repository. With an override, every entry goes as a descriptor file (its
 * platform rewritten, attestations and annotations kept): buildx cannot mix those with reference sources.
 */
function planCreate(tags, sources, annotationArgs, descriptorFiles) {
    return (0,src_tags/* repositoriesOf */.U)(tags).map((repository) => {
        const repoTags = tags.filter((t) => (0,refs/* parseReference */.F2)(t)?.repository === repository);
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
/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };
const shortDigest = (d) => d.slice(0, 19);
/**
 * After a failed publish, where each tag points. An index goes up in one request per tag, so a tag holds
 * either what it held before or the complete new index, never part of one; the message says which.
 */
async function tagStates(tags, failure) {
    const out = failure.result;
    const pushed = /pushing (sha256:[a-f0-9]{64}) to/.exec(`${out?.stderr ?? ''}\n${out?.stdout ?? ''}`)?.[1];
    const states = [];
    for (const tag of tags) {
        const r = await (0,exec/* exec */.m0)(['docker', 'buildx', 'imagetools', 'inspect', '--raw', tag], {
            echo: false,
            allowFailure: true,
        }).catch(() => undefined);
        const name = `:${(0,refs/* parseReference */.F2)(tag)?.tag ?? tag}`;
        if (!r || r.code !== 0)
            states.push(`${name} ${r && (0,manifest/* isNotFound */.c4)({ result: r }) ? 'does not exist' : 'could not be read'}`);
        else if ((0,manifest/* sha256 */.sc)(r.stdout) === pushed)
            states.push(`${name} has the new index ${shortDigest(pushed)}`);
        else
            states.push(`${name} still has its previous ${shortDigest((0,manifest/* sha256 */.sc)(r.stdout))}`);
    }
    if (!states.length)
        return '';
    return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
}
/** Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it. */
async function merge(inputs, phases, summary, store) {
    summary.title = 'Multi-platform merge';
    await (0,buildx/* setUpBuildx */.a)(inputs, phases);
    const tags = (0,src_tags/* resolveTags */.y)(inputs.images, inputs.tags);
    const { sources, entries } = await phases.run('collect', 'Collecting the legs', async () => {
        const sources = await findSources(inputs, inputs.platforms, store);
        // Sources are independent registry reads: one at a time would cost a process round trip each.
        const raw = (await Promise.all(sources.map((source) => sourceEntries(source)))).flat();
        const { entries, unused } = applyOverrides(raw, inputs.platformOverrides);
        if (unused.length) {
            const present = [
                ...new Set(raw.filter((e) => !(0,manifest/* isAttestation */.H3)(e.descriptor)).map((e) => platformText(e.descriptor))),
            ];
            throw new errors/* ActionError */.lZ('merge', `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`, 'platform-overrides');
        }
        return { sources, entries };
    });
    const images = entries.filter((e) => !(0,manifest/* isAttestation */.H3)(e.descriptor));
    const actual = images.map((e) => e.platform);
    const expected = inputs.platforms.length ? inputs.platforms.map(src_platforms/* formatPlatform */.Bq) : [...new Set(actual)];
    const { missing, extra, duplicate } = (0,manifest/* diffPlatforms */.Wd)(expected, actual);
    if (missing.length || extra.length || duplicate.length) {
        const parts = [
            missing.length ? `missing ${missing.join(', ')}` : '',
            extra.length ? `not in platforms: ${extra.join(', ')}` : '',
            duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
        ].filter(Boolean);
        throw new errors/* ActionError */.lZ('merge', `the sources do not match platforms (${parts.join('; ')}); nothing was pushed`, 'platforms');
    }
    const annotations = mergeAnnotations(inputs.annotations);
    if (annotations.moved)
        core/* notice */.lm(`${annotations.moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`);
    if (annotations.dropped.length)
        core/* warning */.$e(`Not applicable to a merged index, dropped: ${annotations.dropped.join(', ')}`);
    // buildx joins Docker-format manifests into a Docker manifest list, dropping every annotation silently.
    if (annotations.args.length &&
        entries.every((e) => e.descriptor.mediaType.startsWith('application/vnd.docker.'))) {
        const labels = [...new Set(entries.map((e) => e.source.label))];
        throw new errors/* ActionError */.lZ('merge', `annotations need an OCI index, but the sources are Docker-format images (${labels.join(', ')}), which buildx joins into a Docker manifest list without annotations; rebuild them with OCI media types (buildx: --output type=image,oci-mediatypes=true; this action's legs always are) or remove the annotations — nothing was pushed`, 'annotations');
    }
    const descriptorFiles = [];
    if (entries.some((e) => e.overridden)) {
        // Created only now: a merge that fails before publishing leaves nothing behind, even without post.
        const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'multiarch-merge-'));
        (0,state/* saveState */.LZ)('tempDir', tempDir);
        for (const [i, e] of entries.entries()) {
            const file = (0,external_node_path_.join)(tempDir, `descriptor-${i}.json`);
            await (0,promises_.writeFile)(file, JSON.stringify(e.descriptor));
            descriptorFiles.push(file);
        }
    }
    const plans = planCreate(tags, sources, annotations.args, descriptorFiles);
    await phases.run('publish', `Publishing ${tags.length} tag(s)`, async () => {
        for (const plan of plans) {
            try {
                await (0,exec/* retry */.L5)({ ...PUBLISH_RETRY, what: `publishing ${plan.repository}` }, () => (0,exec/* exec */.m0)(plan.argv));
            }
            catch (e) {
                const where = await tagStates(plan.tags, e);
                throw new errors/* ActionError */.lZ('merge', `publishing ${plan.repository} failed: ${(0,manifest/* registryReason */.sA)(e)}${where ? `; ${where}` : ''}`);
            }
        }
    });
    const indexAnnotations = Object.fromEntries(annotations.args
        .filter((a, i) => i % 2 === 1 && a.startsWith('index'))
        .map((a) => {
        const kv = a.slice(a.indexOf(':') + 1);
        return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
    }));
    const published = await phases.run('verify', 'Verifying the registry', () => (0,manifest/* verifyPublished */.uf)({ refs: tags, platforms: expected, indexAnnotations }));
    const first = published[0];
    core/* setOutput */.uH('digest', first.digest);
    core/* setOutput */.uH('tags', tags.join('\n'));
    core/* setOutput */.uH('platforms', expected.join(','));
    core/* setOutput */.uH('manifest', first.raw);
    const published0 = new Map((first.manifest.manifests ?? []).filter((d) => !(0,manifest/* isAttestation */.H3)(d)).map((d) => [d.digest, d]));
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
