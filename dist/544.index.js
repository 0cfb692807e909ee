export const id = 544;
export const ids = [544];
export const modules = {

/***/ 4544:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUBLISH_RETRY: () => (/* binding */ PUBLISH_RETRY),
  copyRace: () => (/* binding */ copyRace),
  merge: () => (/* binding */ merge),
  tagStates: () => (/* binding */ tagStates)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/buildx/buildx.ts
var buildx_buildx = __webpack_require__(1826);
// EXTERNAL MODULE: ./src/exec/exec.ts + 1 modules
var exec = __webpack_require__(2568);
// EXTERNAL MODULE: ./src/exec/retry.ts
var retry = __webpack_require__(7195);
// EXTERNAL MODULE: ./src/model/annotations.ts
var model_annotations = __webpack_require__(315);
// EXTERNAL MODULE: ./src/model/platforms.ts
var model_platforms = __webpack_require__(3065);
// EXTERNAL MODULE: ./src/phases/handoff.ts
var handoff = __webpack_require__(3102);
// EXTERNAL MODULE: ./src/registry/failures.ts
var failures = __webpack_require__(9280);
// EXTERNAL MODULE: ./src/registry/manifests.ts
var manifests = __webpack_require__(1);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/phases/merge-finish.ts




const code = (s) => `<code>${s}</code>`;
/**
 * Prints the index `args` (an `imagetools create --dry-run`) produces, without pushing anything. Undefined
 * `args`: nothing can be shown (sources that must be copied first). Throws ActionError (phase merge).
 */
async function dryRun(step, buildx, args, why) {
    if (!args)
        return { why };
    try {
        const { stdout } = await (0,retry/* retry */.L5)(step.exec, step.log, { attempts: 4, baseMs: 1000, what: 'the dry run' }, () => buildx.run(args, { echo: false }), failures/* errorIsTransient */.pc);
        return { index: stdout.replace(/\n$/, '') };
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('merge', `the dry run (imagetools create --dry-run) failed: ${(0,failures/* registryReason */.sA)(e)}`);
    }
}
/** Outputs and summary of a dry run: nothing pushed, the index that would be, the tags it would get. */
function reportDryRun(step, result, tags, summary) {
    const { outputs, log } = step;
    outputs.set('tags', '');
    outputs.set('digest', result.index ? (0,manifests/* sha256 */.sc)(result.index) : '');
    outputs.set('manifest', result.index ?? '');
    summary.digest = result.index ? (0,manifests/* sha256 */.sc)(result.index) : undefined;
    const would = tags.map(code).join(', ');
    summary.facts.push([
        'Dry run',
        `push: false — nothing was pushed; a merge with push would publish ${would}`,
    ]);
    if (result.index) {
        log.info(`Dry run (push: false): the index ${(0,manifests/* sha256 */.sc)(result.index)} would be published to ${tags.join(', ')}:`);
        log.info(result.index);
        summary.details = { title: 'The index that would be published', body: result.index, lang: 'json' };
    }
    else {
        log.notice(`Dry run (push: false): nothing was pushed; the index cannot be shown: ${result.why}`);
        summary.facts.push(['Index', result.why ?? '']);
    }
}
/**
 * After a successful publish: deletes the handoff tags the legs wrote (by tag, never by digest: the digest
 * is the leg's record, which nothing published references, but the rule stays simple and safe). A registry
 * that refuses (distribution 2.x answers 400, OCI 1.1 allows 400/405) leaves them: listed in the summary
 * and a notice. Never fails the merge: the index is published by then.
 */
async function removeHandoffTags(step, api, legs, summary) {
    const tags = legs.flatMap((l) => l.tags);
    if (!tags.length)
        return;
    const results = await Promise.all(tags.map(async (t) => ({ ...t, result: await api.deleteTag(t.repository, t.tag) })));
    const deleted = results.filter((r) => r.result.deleted).map((r) => r.tag);
    const left = results.filter((r) => !r.result.deleted);
    if (deleted.length) {
        step.log.info(`Removed the handoff tags: ${deleted.join(', ')}`);
        summary.facts.push(['Handoff tags removed', deleted.map(code).join(', ')]);
    }
    if (left.length) {
        const [first] = left;
        const reason = first.result.deleted ? '' : first.result.reason;
        step.log.notice(`${left.length} handoff tag(s) left in ${first.repository} (${reason}): ${left.map((r) => r.tag).join(', ')}; remove them with the registry's own tools or a retention policy for run-* tags`);
        summary.facts.push(['Handoff tags left', `${left.map((r) => code(r.tag)).join(', ')} (${reason})`]);
    }
}

// EXTERNAL MODULE: ./src/phases/push-access.ts
var push_access = __webpack_require__(5705);
// EXTERNAL MODULE: ./src/registry/refs.ts
var refs = __webpack_require__(377);
// EXTERNAL MODULE: ./src/phases/fingerprint.ts
var fingerprint = __webpack_require__(5036);
// EXTERNAL MODULE: ./src/phases/handoff-store.ts
var handoff_store = __webpack_require__(1654);
;// CONCATENATED MODULE: ./src/phases/merge-legs.ts







async function fromCache(ctx, inputs, platforms, store, out) {
    for (const p of platforms) {
        const prefix = (0,handoff/* handoffKeyPrefix */.ox)(inputs.images, inputs.variant, p, ctx.runId);
        // A leg refused because another configuration held its key left its record under a clash key.
        const clashes = (0,handoff/* clashKeyPrefix */.rn)(inputs.images, inputs.variant, p, ctx.runId);
        let record;
        let clash;
        try {
            record = await store.load(`${prefix}${ctx.runAttempt}`, prefix);
            clash = record && (await store.load(clashes, clashes));
        }
        catch (e) {
            throw new errors/* ActionError */.lZ('merge', `cannot read the Actions cache (${e.message}) — nothing was pushed`, 'handoff');
        }
        const found = out.byPlatform.get((0,model_platforms/* formatPlatform */.Bq)(p));
        if (record)
            found?.push({ record, where: `cache:${prefix}${record.runAttempt}` });
        if (clash)
            found?.push({ record: clash, where: `cache:${clashes}${clash.config.fingerprint} (refused)` });
    }
}
async function fromTags(ctx, registry, api, inputs, platforms, out) {
    const repository = inputs.images[0];
    let tags;
    try {
        tags = await api.tags(repository);
    }
    catch (e) {
        throw new errors/* ActionError */.lZ('merge', `cannot list the handoff tags of ${repository}: ${e.message} — nothing was pushed`, 'handoff');
    }
    const mine = new Set();
    await Promise.all(platforms.map(async (p) => {
        const pattern = (0,handoff/* handoffTagPattern */.pt)(ctx.runId, inputs.variant, p);
        for (const tag of tags.filter((t) => pattern.test(t))) {
            mine.add(tag);
            const ref = `${repository}:${tag}`;
            let found;
            try {
                found = await registry.lookup(ref);
            }
            catch (e) {
                throw new errors/* ActionError */.lZ('merge', `cannot read the handoff tag ${ref}: ${(0,failures/* registryReason */.sA)(e)} — nothing was pushed`);
            }
            if (!found)
                continue; // deleted since the listing
            const record = (0,handoff/* recordOf */.zv)(found.manifest);
            if (!record)
                throw new errors/* ActionError */.lZ('merge', `the handoff tag ${ref} holds no handoff record (a leg still writing it, or not a leg of this action); re-run that leg — nothing was pushed`, 'handoff');
            out.byPlatform.get((0,model_platforms/* formatPlatform */.Bq)(p))?.push({ record, where: ref, tag: { repository, tag } });
        }
    }));
    out.others = tags.filter((t) => t.startsWith(`run-${ctx.runId}-`) && !mine.has(t));
}
/**
 * Every handoff record of this run for the merge's image set, variant and platforms: from the Actions cache
 * (handoff cache, or auto where the service is), then from handoff tags for what is still missing (a leg on
 * the docker driver hands off by tags even where the cache exists). Throws ActionError when a store or the
 * registry cannot be read.
 */
async function findCandidates(ctx, registry, api, inputs, store) {
    const out = {
        byPlatform: new Map(inputs.platforms.map((p) => [(0,model_platforms/* formatPlatform */.Bq)(p), []])),
        looked: '',
        others: [],
    };
    const useCache = inputs.handoff === 'cache' || (inputs.handoff === 'auto' && (store !== undefined || ctx.cacheService));
    if (useCache)
        await fromCache(ctx, inputs, inputs.platforms, store ?? (0,handoff_store/* actionsCacheStore */.$)(ctx.workspace), out);
    const missing = inputs.platforms.filter((p) => !out.byPlatform.get((0,model_platforms/* formatPlatform */.Bq)(p))?.length);
    const useTags = inputs.handoff !== 'cache';
    if (useTags && missing.length)
        await fromTags(ctx, registry, api, inputs, missing, out);
    out.looked = useCache && useTags ? 'cache or tags' : useCache ? 'cache' : 'tags';
    return out;
}
const sameSet = (a, b) => a.map(refs/* normalizeRepository */.Y1).sort().join('\n') === b.map(refs/* normalizeRepository */.Y1).sort().join('\n');
// Legs of one matrix share their job id: the configuration is what tells two of them apart.
const labelled = (f) => `${(0,handoff/* legLabel */.Nj)(f.record, true)} as ${f.where}`;
function checkIdentity(ctx, inputs, platform, f) {
    const r = f.record;
    const wrong = r.runId !== ctx.runId
        ? `run ${r.runId}, not this run (${ctx.runId})`
        : r.variant !== inputs.variant
            ? `variant "${r.variant}", not "${inputs.variant}"`
            : !sameSet(r.images, inputs.images)
                ? `image ${r.images.join(', ')}, not ${inputs.images.join(', ')}`
                : !r.platforms.includes(platform)
                    ? `platforms ${r.platforms.join(', ')}, without ${platform}`
                    : '';
    if (wrong)
        throw new errors/* ActionError */.lZ('merge', `${f.where} is a handoff record of ${wrong}; it cannot stand for ${platform} — nothing was pushed`, 'variant');
}
/** The newest attempt among records of one configuration. */
const newest = (found) => found.reduce((a, b) => (Number(b.record.runAttempt) > Number(a.record.runAttempt) ? b : a));
/**
 * Proves the candidates are one leg per platform of this run, variant and image set, all of one build
 * configuration, all pushed (unless `dryRun`). Returns the legs with the platforms each contributes; an empty
 * list for a dry run where no leg handed anything off (legs with push: false hand off nothing by tags).
 * Throws ActionError (phase merge) naming the platform, the legs and the input to change.
 */
function proveLegs(ctx, inputs, candidates, dryRun) {
    const chosen = new Map();
    const missing = [];
    for (const [platform, found] of candidates.byPlatform) {
        for (const f of found)
            checkIdentity(ctx, inputs, platform, f);
        const configs = new Map();
        for (const f of found)
            configs.set(f.record.config.fingerprint, [...(configs.get(f.record.config.fingerprint) ?? []), f]);
        if (configs.size > 1) {
            const [a, b] = [...configs.values()].map(newest);
            throw new errors/* ActionError */.lZ('merge', `legs of this run handed off ${platform} for ${configs.size} build configurations (differing in ${(0,fingerprint/* differingInputs */.cG)(a.record.config, b.record.config).join(', ')}): ${[...configs.values()].map((c) => labelled(newest(c))).join('; ')}; a merge cannot tell which to publish: set variant on each variant's legs and on its merge (e.g. variant: slim) — nothing was pushed`, 'variant');
        }
        // One configuration, one attempt, two digests: legs differing only in what the fingerprint leaves out.
        const pick = found.length ? newest(found) : undefined;
        const twin = found.find((f) => f.record.runAttempt === pick?.record.runAttempt && f.record.digest !== pick?.record.digest);
        if (pick && twin) {
            throw new errors/* ActionError */.lZ('merge', `two legs of this run handed off ${platform} from the same build configuration with different digests: ${labelled(pick)}; ${labelled(twin)} (inputs the configuration does not record, such as secrets, differ); a merge cannot tell which to publish: set variant on each variant's legs and on its merge (e.g. variant: pro) — nothing was pushed`, 'variant');
        }
        if (pick)
            chosen.set(platform, pick);
        else
            missing.push(platform);
    }
    if (missing.length) {
        // Legs with push: false leave records in the Actions cache, never a handoff tag: only when the merge
        // could look in tags alone does finding none mean legs that built only, not legs that are missing.
        if (dryRun && missing.length === candidates.byPlatform.size && candidates.looked === 'tags')
            return [];
        const hint = candidates.others.length
            ? ` (this run's other handoff tags: ${candidates.others.slice(0, 4).join(', ')}${candidates.others.length > 4 ? ', …' : ''}: another variant?)`
            : '';
        throw new errors/* ActionError */.lZ('merge', `no leg was handed off (${candidates.looked}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} in this run with mode: build and the same image, variant and handoff${hint} — nothing was pushed`, 'platforms');
    }
    const entries = [...chosen];
    const [first] = entries;
    for (const [platform, f] of entries) {
        if (!first || f.record.config.fingerprint === first[1].record.config.fingerprint)
            continue;
        throw new errors/* ActionError */.lZ('merge', `${first[0]} (${labelled(first[1])}) and ${platform} (${labelled(f)}) were built from different configurations (differing in ${(0,fingerprint/* differingInputs */.cG)(first[1].record.config, f.record.config).join(', ')}); a merge publishes one configuration: set variant on each variant's legs and its merge, or build every platform of it from the same inputs (per-platform values belong in the Dockerfile: BuildKit sets TARGETARCH and TARGETPLATFORM per platform) — nothing was pushed`, 'variant');
    }
    if (!dryRun) {
        const unpushed = entries.find(([, f]) => !f.record.pushed);
        if (unpushed)
            throw new errors/* ActionError */.lZ('merge', `${(0,handoff/* legLabel */.Nj)(unpushed[1].record)} built ${unpushed[0]} with push: false, so nothing of it is in the registry; set push: false on the merge too (a dry run), or let the legs push — nothing was pushed`, 'push');
    }
    const legs = new Map();
    for (const [platform, found] of entries) {
        const key = `${found.record.digest} ${found.record.runAttempt}`;
        const leg = legs.get(key) ?? { record: found.record, platforms: [], where: [], tags: [] };
        leg.platforms.push(platform);
        leg.where.push(found.where);
        if (found.tag)
            leg.tags.push(found.tag);
        legs.set(key, leg);
    }
    return [...legs.values()];
}

// EXTERNAL MODULE: ./src/registry/tags.ts
var registry_tags = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/phases/merge-plan.ts






/** The platform exactly as an index entry writes it (linux/arm stays linux/arm). */
const platformText = (d) => d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';
/**
 * Rewrites the platform of entries an override matches (exactly as written in the index: linux/arm is not
 * linux/arm/v7). Returns the entries and the overrides that matched nothing.
 */
function applyOverrides(entries, overrides) {
    const used = new Set();
    const out = entries.map((entry) => {
        const i = overrides.findIndex((o) => (0,model_platforms/* formatPlatform */.Bq)(o.from) === platformText(entry.descriptor));
        const rule = overrides[i];
        if (!rule || (0,manifests/* isAttestation */.H3)(entry.descriptor))
            return entry;
        used.add(i);
        const { os, arch: architecture, variant } = rule.to;
        const platform = { ...entry.descriptor.platform, os, architecture, ...(variant ? { variant } : {}) };
        if (!variant)
            delete platform.variant;
        return {
            ...entry,
            descriptor: { ...entry.descriptor, platform },
            platform: (0,model_platforms/* formatPlatform */.Bq)(rule.to),
            overridden: true,
        };
    });
    const unused = overrides
        .filter((_, i) => !used.has(i))
        .map((o) => `${(0,model_platforms/* formatPlatform */.Bq)(o.from)}=${(0,model_platforms/* formatPlatform */.Bq)(o.to)}`);
    return { entries: out, unused };
}
/**
 * The platforms the merge publishes (`expected`, or what the sources hold when platforms is unset), after
 * checking the image entries against them. Throws ActionError (merge, input platforms) on any difference,
 * saying where the entries came from (`origin`) and how to make them match.
 */
function checkPlatformSet(expected, images, origin = { sources: true, overridden: false }) {
    const actual = images.map((e) => e.platform);
    const want = expected.length ? expected : [...new Set(actual)];
    const { missing, extra, duplicate } = (0,manifests/* diffPlatforms */.Wd)(want, actual);
    if (!missing.length && !extra.length && !duplicate.length)
        return want;
    const parts = [
        missing.length ? `missing ${missing.join(', ')}` : '',
        extra.length ? `not in platforms: ${extra.join(', ')}` : '',
        duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
    ].filter(Boolean);
    const what = `${origin.sources ? 'the sources' : "the legs' platforms"}${origin.overridden ? ' after platform-overrides' : ''}`;
    const fix = extra.length && origin.sources
        ? '; leave platforms unset to publish every platform of the sources, or give one source per platform (repo@sha256:…)'
        : origin.overridden
            ? '; check platform-overrides against the platforms the legs built'
            : '';
    throw new errors/* ActionError */.lZ('merge', `${what} do not match platforms (${parts.join('; ')})${fix}; nothing was pushed`, 'platforms');
}
/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
function mergeAnnotations(annotations) {
    const out = [];
    let moved = 0;
    const dropped = [];
    for (const a of annotations) {
        const levels = (0,model_annotations/* levelsOf */.pd)(a);
        const keep = levels.filter((t) => t === 'index' || t === 'manifest-descriptor');
        // A platform-selected manifest annotation has no meaning on the whole index: dropped, with a warning.
        if (levels.includes('manifest') && !keep.includes('index') && !a.selector) {
            keep.push('index');
            moved++;
        }
        if (!keep.length)
            dropped.push((0,model_annotations/* formatAnnotation */.tn)(a));
        else
            out.push({ ...a, levels: keep });
    }
    return { annotations: out, moved, dropped };
}
/**
 * One `imagetools create` per repository. Sources go as references when each is used whole and nothing is
 * overridden (imagetools copies them across repositories itself, and a single index is published as is).
 * Otherwise every entry goes as a descriptor file (platform rewritten, part of a leg's index, attestations
 * and annotations kept): imagetools reads those from the target repository, so each entry from elsewhere is
 * first copied there by digest (`--tag <repository>@<digest>`: no tag is created). Entries are copied one
 * by one, as single manifests: an index copied whole is re-serialised by imagetools (another digest).
 */
function planCreate(tags, sources, annotations, descriptorFiles, entries = []) {
    const unique = [...new Map(sources.map((s) => [s.found?.digest ?? s.ref, s])).values()];
    return (0,registry_tags/* repositoriesOf */.U)(tags).map((repository) => {
        const repoTags = tags.filter((t) => (0,refs/* sameRepository */.RB)(t, repository));
        const args = ['imagetools', 'create', '--progress', 'plain'];
        for (const a of annotations)
            args.push('--annotation', (0,model_annotations/* formatAnnotation */.tn)(a));
        for (const t of repoTags)
            args.push('--tag', t);
        const copies = new Map();
        if (descriptorFiles.length) {
            for (const file of descriptorFiles)
                args.push('--file', file);
            for (const { source, descriptor } of entries) {
                const from = (0,refs/* parseReference */.F2)(source.ref)?.repository;
                if (!from || (0,refs/* sameRepository */.RB)(from, repository))
                    continue;
                const to = `${repository}@${descriptor.digest}`;
                // A single manifest stays as it is (no wrapping index, which would have another digest).
                const copy = ['imagetools', 'create', '--progress', 'plain', '--prefer-index=false', '--tag', to];
                copies.set(to, {
                    from: `${from}@${descriptor.digest}`,
                    to,
                    args: [...copy, `${from}@${descriptor.digest}`],
                });
            }
        }
        else
            args.push(...unique.map((s) => s.ref));
        return { repository, tags: repoTags, copies: [...copies.values()], args };
    });
}
/**
 * The `imagetools create --dry-run` that prints the index a plan publishes (the same for every repository:
 * an index does not name its repository). Descriptor files are read from one repository, so when they come
 * from another, the dry run reads them there. Undefined when the sources span several repositories and must
 * be copied first (nothing can be copied in a dry run).
 */
function planDryRun(plan, sources) {
    if (!plan.copies.length)
        return [...plan.args, '--dry-run'];
    const repositories = new Set(sources.map((s) => (0,refs/* parseReference */.F2)(s.ref)?.repository));
    if (repositories.size !== 1)
        return undefined;
    const [repository] = [...repositories];
    const args = [];
    for (let i = 0; i < plan.args.length; i++) {
        if (plan.args[i] === '--tag')
            i++;
        else
            args.push(plan.args[i]);
    }
    args.splice(4, 0, '--tag', `${repository}:dry-run`);
    return [...args, '--dry-run'];
}

;// CONCATENATED MODULE: ./src/phases/merge-sources.ts





/** `sha256:` sources take the repository of the first image, as imagetools does with its tags. */
function sourceRef(source, images) {
    return (0,refs/* isDigest */.Bc)(source) ? `${images[0]}@${source}` : source;
}
/**
 * The index entries a source contributes (a single manifest becomes one entry, its platform from its
 * config). Throws ActionError (phase merge) naming sources when the source cannot be read.
 */
async function sourceEntries(registry, source) {
    try {
        const found = source.found ?? (await registry.inspect(source.ref));
        // Kept: planning needs the source's digest and kind (index or manifest) to copy it between repositories.
        source.found = found;
        if ((0,manifests/* isIndex */.nw)(found.manifest)) {
            return (found.manifest.manifests ?? []).map((descriptor) => ({
                source,
                descriptor,
                platform: (0,manifests/* descriptorPlatform */.fA)(descriptor),
                overridden: false,
            }));
        }
        // A single-platform image (a leg built with provenance and sbom off): its config names the platform.
        const descriptor = {
            mediaType: found.manifest.mediaType ?? '',
            digest: found.digest,
            size: Buffer.byteLength(found.raw),
            platform: await registry.platformOf(`${(0,refs/* parseReference */.F2)(source.ref)?.repository}@${found.digest}`),
        };
        return [{ source, descriptor, platform: (0,manifests/* descriptorPlatform */.fA)(descriptor), overridden: false }];
    }
    catch (e) {
        if (e instanceof errors/* ActionError */.lZ)
            throw e;
        throw new errors/* ActionError */.lZ('merge', `cannot read source ${source.label}: ${(0,failures/* registryReason */.sA)(e)}`, 'sources');
    }
}
/** The explicit `sources`: each contributes its whole index (or its one manifest). */
async function explicitSources(registry, inputs) {
    const sources = inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
    // Sources are independent registry reads: one at a time would cost a process round trip each.
    const entries = (await Promise.all(sources.map((source) => sourceEntries(registry, source)))).flat();
    return { sources, entries, partial: false };
}
const referenced = (d) => d.annotations?.['vnd.docker.reference.digest'];
/**
 * The entries the legs contribute: out of each leg's index, the image manifest of each platform the merge
 * takes from it, and the attestation manifests that refer to those (vnd.docker.reference.digest). Throws
 * ActionError when a leg's image does not hold a platform its record names.
 */
async function legSources(registry, inputs, legs) {
    const repository = inputs.images[0];
    const picked = await Promise.all(legs.map(async (leg) => {
        const source = { label: (0,handoff/* legLabel */.Nj)(leg.record), ref: `${repository}@${leg.record.digest}` };
        const all = await sourceEntries(registry, source);
        const images = all.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor) && leg.platforms.includes(e.platform));
        const absent = leg.platforms.filter((p) => !images.some((e) => e.platform === p));
        if (absent.length) {
            const holds = all.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor)).map((e) => e.platform);
            throw new errors/* ActionError */.lZ('merge', `${source.label} recorded ${absent.join(', ')}, but ${source.ref} holds ${holds.join(', ') || 'no platform'} — nothing was pushed`);
        }
        const digests = new Set(images.map((e) => e.descriptor.digest));
        const attestations = all.filter((e) => (0,manifests/* isAttestation */.H3)(e.descriptor) && digests.has(referenced(e.descriptor) ?? ''));
        const entries = [...images, ...attestations];
        return { source, entries, partial: entries.length < all.length };
    }));
    return {
        sources: picked.map((p) => p.source),
        entries: picked.flatMap((p) => p.entries),
        partial: picked.some((p) => p.partial),
    };
}

// EXTERNAL MODULE: ./src/registry/api.ts + 2 modules
var registry_api = __webpack_require__(1774);
// EXTERNAL MODULE: ./src/phases/verify.ts
var verify = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/registry/client.ts
var client = __webpack_require__(2440);
;// CONCATENATED MODULE: ./src/modes/merge.ts
// mode: merge — collect the legs (or sources) and prove them, publish one annotated OCI index per repository,
// read it back, remove the handoff tags. Nothing is pushed until every check has passed; push: false stops
// before pushing and prints the index instead.





















/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };
/**
 * Collects the legs (proving them of this run, variant and configuration) or the sources, checks the
 * platform set, publishes one annotated OCI index per image, verifies it, removes the handoff tags; with
 * push: false, a dry run that prints the index instead. Fills `summary` and the step's outputs. Throws
 * ActionError; nothing is pushed when a check fails.
 */
async function merge(step, inputs, phases, summary, seams = {}) {
    const dry = !inputs.push;
    summary.title = dry ? 'Multi-platform merge — dry run' : 'Multi-platform merge';
    const buildx = await (0,buildx_buildx/* setUpBuildx */.ar)(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
    const registry = new client/* Registry */.O(step, buildx);
    const api = seams.api ?? (0,registry_api/* registryApi */.E)(step);
    const tags = (0,registry_tags/* resolveTags */.y)(inputs.images, inputs.tags);
    if (inputs.variant)
        summary.facts.push(['Variant', `<code>${inputs.variant}</code>`]);
    const collected = await phases.run('collect', 'Collecting the legs', () => collect(step.ctx, registry, api, inputs, seams.store, dry));
    if (!collected.contribution) {
        // A dry run whose legs pushed nothing: their records (if any) are all there is to check.
        summary.rows = collected.legs.flatMap((l) => l.platforms.map((p) => ({
            platform: p,
            digest: l.record.digest,
            source: (0,handoff/* legLabel */.Nj)(l.record),
            emulated: l.record.emulated.includes(p),
        })));
        const why = collected.legs.length
            ? 'the legs ran with push: false, so nothing is in the registry to show'
            : 'no leg of this run was handed off (legs with push: false hand off nothing through tags), so there is nothing to check beyond the inputs';
        return reportDryRun(step, { why }, tags, summary);
    }
    const { sources, entries, partial } = collected.contribution;
    const images = entries.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor));
    const platforms = checkPlatformSet(inputs.platforms.map(model_platforms/* formatPlatform */.Bq), images, {
        sources: inputs.sources.length > 0,
        overridden: inputs.platformOverrides.length > 0,
    });
    const annotations = indexLevelAnnotations(step.log, inputs.annotations, entries);
    const descriptorFiles = partial || entries.some((e) => e.overridden) ? await writeDescriptors(step, entries) : [];
    const plans = planCreate(tags, sources, annotations, descriptorFiles, entries);
    const emulated = new Map(collected.legs.flatMap((l) => l.platforms.map((p) => [p, l.record.emulated.includes(p)])));
    summary.rows = images.map((e) => ({
        platform: e.platform,
        digest: e.descriptor.digest,
        source: e.source.label,
        emulated: emulated.get(e.platform),
    }));
    step.outputs.set('platforms', platforms.join(','));
    summary.tags = dry ? [] : tags;
    summary.annotations = annotations.map(model_annotations/* formatAnnotation */.tn);
    if (dry) {
        const [plan] = plans;
        const result = await phases.run('publish', 'Dry run: the index that would be published', () => dryRun(step, buildx, planDryRun(plan, sources), 'its sources come from several repositories and would be copied first'));
        return reportDryRun(step, result, tags, summary);
    }
    await phases.run('publish', `Publishing ${tags.length} tag(s)`, async () => {
        // imagetools runs here: an address that does not answer here is not one it can push to.
        await (0,push_access/* checkPushAccess */.Lr)(step, api, tags, { phase: 'merge', fromHere: true });
        await publish(step, buildx, plans);
    });
    const expectedAnnotations = (0,model_annotations/* indexAnnotations */.nM)(annotations);
    const [published] = await phases.run('verify', 'Verifying the registry', () => (0,verify/* verifyPublished */.u)(registry, { refs: tags, platforms, indexAnnotations: expectedAnnotations }));
    const index = published;
    step.outputs.set('digest', index.digest);
    step.outputs.set('tags', tags.join('\n'));
    step.outputs.set('manifest', index.raw);
    summary.digest = index.digest;
    summary.annotations = Object.entries(expectedAnnotations).map(([k, v]) => `index:${k}=${v}`);
    await phases.run('cleanup', 'Removing the handoff tags', () => removeHandoffTags(step, api, collected.legs, summary));
}
/** The legs (proven) or the explicit sources, and what they contribute, overrides applied. Throws ActionError. */
async function collect(ctx, registry, api, inputs, store, dry) {
    let legs = [];
    let raw;
    if (inputs.sources.length)
        raw = await explicitSources(registry, inputs);
    else {
        legs = proveLegs(ctx, inputs, await findCandidates(ctx, registry, api, inputs, store), dry);
        if (!legs.length || legs.some((l) => !l.record.pushed))
            return { legs };
        raw = await legSources(registry, inputs, legs);
    }
    const { entries, unused } = applyOverrides(raw.entries, inputs.platformOverrides);
    if (unused.length) {
        const present = [
            ...new Set(raw.entries.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor)).map((e) => platformText(e.descriptor))),
        ];
        throw new errors/* ActionError */.lZ('merge', `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`, 'platform-overrides');
    }
    return { legs, contribution: { ...raw, entries } };
}
/**
 * The annotations the merged index gets, with a notice for moved ones and a warning for dropped ones.
 * Throws ActionError when annotations are asked for but every source is a Docker-format image.
 */
function indexLevelAnnotations(log, asked, entries) {
    const { annotations, moved, dropped } = mergeAnnotations(asked);
    if (moved)
        log.notice(`${moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`);
    if (dropped.length)
        log.warning(`Not applicable to a merged index, dropped: ${dropped.join(', ')}`);
    // buildx joins Docker-format manifests into a Docker manifest list, dropping every annotation silently.
    if (annotations.length &&
        entries.every((e) => e.descriptor.mediaType.startsWith('application/vnd.docker.'))) {
        const labels = [...new Set(entries.map((e) => e.source.label))];
        throw new errors/* ActionError */.lZ('merge', `annotations need an OCI index, but the sources are Docker-format images (${labels.join(', ')}), which buildx joins into a Docker manifest list without annotations; rebuild them with OCI media types (buildx: --output type=image,oci-mediatypes=true; this action's legs always are) or remove the annotations (${annotations.map(model_annotations/* formatAnnotation */.tn).join(', ')}) — nothing was pushed`, 'annotations');
    }
    return annotations;
}
/** Each entry as a descriptor file (see planCreate), in a temp dir post removes. */
async function writeDescriptors(step, entries) {
    // Created only now: a merge that fails before publishing leaves nothing behind, even without post.
    const tempDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(step.ctx.tempDir, 'multiarch-merge-'));
    step.state.save('tempDir', tempDir);
    const files = [];
    for (const [i, e] of entries.entries()) {
        const file = (0,external_node_path_.join)(tempDir, `descriptor-${i}.json`);
        await (0,promises_.writeFile)(file, JSON.stringify(e.descriptor));
        files.push(file);
    }
    return files;
}
/**
 * Runs each plan: its copies (by digest, no tag), then its create, retrying transient failures; a failure
 * says where every tag of the plan points now.
 */
async function publish(step, buildx, plans) {
    for (const plan of plans) {
        const steps = [
            ...plan.copies.map((c) => ({ what: `copying ${c.from} into ${plan.repository}`, args: c.args })),
            { what: `publishing ${plan.repository}`, args: plan.args },
        ];
        for (const { what, args } of steps) {
            try {
                await (0,retry/* retry */.L5)(step.exec, step.log, { ...PUBLISH_RETRY, what }, () => buildx.run(args), (e) => (0,failures/* errorIsTransient */.pc)(e) || copyRace(e));
            }
            catch (e) {
                const where = await tagStates(buildx, plan.tags, e);
                throw new errors/* ActionError */.lZ('merge', `${what} failed: ${(0,failures/* registryReason */.sA)(e)}${where ? `; ${where}` : ''}`);
            }
        }
    }
}
/**
 * imagetools copying one manifest into another repository from two of its goroutines at once (one per tag)
 * can have the registry refuse one PUT by digest with 400: seen under load, passing on the next try. A PUT by
 * digest changes no tag, so the create is simply run again.
 */
const copyRace = (e) => /failed commit on ref "(manifest|index)-sha256:[0-9a-f]{64}": unexpected status from PUT request to \S+\/manifests\/sha256:[0-9a-f]{64}: 400\b/.test((0,exec/* fullErrorText */.TX)(e));
const shortDigest = (d) => d.slice(0, 19);
/**
 * After a failed publish, where each tag points. An index goes up in one request per tag, so a tag holds
 * either what it held before or the complete new index, never part of one; the message says which.
 */
async function tagStates(buildx, tags, failure) {
    const pushed = /pushing (sha256:[a-f0-9]{64}) to/.exec((0,exec/* fullErrorText */.TX)(failure))?.[1];
    const states = [];
    for (const tag of tags) {
        const argv = ['imagetools', 'inspect', '--raw', tag];
        const r = await buildx.run(argv, { echo: false, allowFailure: true }).catch(() => undefined);
        const name = `:${(0,refs/* parseReference */.F2)(tag)?.tag ?? tag}`;
        if (!r || r.code !== 0) {
            const missing = r && (0,failures/* isNotFound */.c4)(new exec/* ExecError */.cI(argv, r));
            states.push(`${name} ${missing ? 'does not exist' : 'could not be read'}`);
        }
        else if ((0,manifests/* sha256 */.sc)(r.stdout) === pushed)
            states.push(`${name} has the new index ${shortDigest(pushed)}`);
        else
            states.push(`${name} still has its previous ${shortDigest((0,manifests/* sha256 */.sc)(r.stdout))}`);
    }
    if (!states.length)
        return '';
    return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
}


/***/ })

};
