export const id = 868;
export const ids = [868];
export const modules = {

/***/ 2868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PUBLISH_RETRY: () => (/* binding */ PUBLISH_RETRY),
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
// EXTERNAL MODULE: ./src/registry/manifests.ts
var manifests = __webpack_require__(1);
// EXTERNAL MODULE: ./src/registry/refs.ts
var refs = __webpack_require__(377);
// EXTERNAL MODULE: ./src/registry/tags.ts
var registry_tags = __webpack_require__(7906);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
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
 * checking the image entries against them. Throws ActionError (merge, input platforms) on any difference.
 */
function checkPlatformSet(expected, images) {
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
    throw new errors/* ActionError */.lZ('merge', `the sources do not match platforms (${parts.join('; ')}); nothing was pushed`, 'platforms');
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
 * One `imagetools create` per repository. With an override, every entry goes as a descriptor file (its
 * platform rewritten, attestations and annotations kept): buildx cannot mix those with reference sources.
 */
function planCreate(tags, sources, annotations, descriptorFiles) {
    return (0,registry_tags/* repositoriesOf */.U)(tags).map((repository) => {
        const repoTags = tags.filter((t) => (0,refs/* sameRepository */.RB)(t, repository));
        const args = ['imagetools', 'create', '--progress', 'plain'];
        for (const a of annotations)
            args.push('--annotation', (0,model_annotations/* formatAnnotation */.tn)(a));
        for (const t of repoTags)
            args.push('--tag', t);
        if (descriptorFiles.length)
            for (const file of descriptorFiles)
                args.push('--file', file);
        else
            args.push(...sources.map((s) => s.ref));
        return { repository, tags: repoTags, args };
    });
}

// EXTERNAL MODULE: ./src/registry/failures.ts
var failures = __webpack_require__(9280);
// EXTERNAL MODULE: ./src/phases/handoff.ts
var handoff = __webpack_require__(3102);
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
async function fromCache(ctx, inputs, platforms, store) {
    const lookup = { found: [], missing: [] };
    for (const p of platforms) {
        const record = await store.load((0,handoff/* handoffKeyPrefix */.ox)(inputs.images, p, ctx.runId), (0,handoff/* handoffKey */.Sm)(inputs.images, p, ctx));
        if (record) {
            const label = `leg ${record.job || record.platform} (attempt ${record.runAttempt})`;
            lookup.found.push({ label, ref: `${inputs.images[0]}@${record.digest}` });
        }
        else
            lookup.missing.push(p);
    }
    return lookup;
}
async function fromTags(registry, runId, inputs, platforms) {
    // Legs tag <base>-<platform> for each of their tags (bare or full, as metadata-action gives them).
    const bases = [(0,handoff/* defaultTagBase */.vE)(runId), ...inputs.tags];
    const lookup = { found: [], missing: [] };
    for (const p of platforms) {
        let hit;
        for (const base of bases) {
            const [ref] = (0,handoff/* legTags */.u3)(inputs.images.slice(0, 1), [base], p, runId);
            // Only "not found" means the leg is missing: a registry that fails to answer must not pass for one.
            let inspected;
            try {
                inspected = await registry.lookup(ref);
            }
            catch (e) {
                throw new errors/* ActionError */.lZ('merge', `cannot look up the leg ${ref}: ${(0,failures/* registryReason */.sA)(e)}`);
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
 * Where the legs (or the explicit `sources`) are. `auto` reads the Actions cache when it is there and then looks for per-platform tags
 * for whatever it did not find: a leg on the docker driver hands off by tags even where the cache exists.
 */
async function findSources(ctx, registry, inputs, store) {
    if (inputs.sources.length)
        return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
    const platforms = inputs.platforms;
    const useCache = inputs.handoff === 'cache' || (inputs.handoff === 'auto' && (store !== undefined || ctx.cacheService));
    const cached = useCache
        ? await fromCache(ctx, inputs, platforms, store ?? (0,handoff/* actionsCacheStore */.$u)(ctx.workspace))
        : { found: [], missing: platforms };
    const tagged = inputs.handoff === 'cache'
        ? { found: [], missing: cached.missing }
        : await fromTags(registry, ctx.runId, inputs, cached.missing);
    if (tagged.missing.length) {
        const missing = tagged.missing.map(model_platforms/* formatPlatform */.Bq);
        const where = inputs.handoff === 'auto' ? (useCache ? 'cache or tags' : 'tags') : inputs.handoff;
        throw new errors/* ActionError */.lZ('merge', `no leg was handed off (${where}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} with mode: build and the same image and handoff — nothing was pushed`, 'platforms');
    }
    const unique = new Map([...cached.found, ...tagged.found].map((s) => [s.ref, s]));
    return [...unique.values()];
}

// EXTERNAL MODULE: ./src/phases/verify.ts
var verify = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/registry/client.ts
var client = __webpack_require__(2440);
;// CONCATENATED MODULE: ./src/modes/merge.ts
// mode: merge — collect the legs (or sources), check them, publish one annotated OCI index per repository,
// read it back. Nothing is pushed until every check has passed.
















/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };
/**
 * Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it;
 * fills `summary` and the step's outputs. `store` replaces the Actions cache for the handoff records.
 * Throws ActionError; nothing is pushed when a check fails.
 */
async function merge(step, inputs, phases, summary, store) {
    summary.title = 'Multi-platform merge';
    const buildx = await (0,buildx_buildx/* setUpBuildx */.ar)(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
    const registry = new client/* Registry */.O(step, buildx);
    const tags = (0,registry_tags/* resolveTags */.y)(inputs.images, inputs.tags);
    const { sources, entries } = await phases.run('collect', 'Collecting the legs', () => collect(step.ctx, registry, inputs, store));
    const images = entries.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor));
    const platforms = checkPlatformSet(inputs.platforms.map(model_platforms/* formatPlatform */.Bq), images);
    const annotations = indexLevelAnnotations(step.log, inputs.annotations, entries);
    const descriptorFiles = await writeDescriptors(step, entries);
    const plans = planCreate(tags, sources, annotations, descriptorFiles);
    await phases.run('publish', `Publishing ${tags.length} tag(s)`, () => publish(step, buildx, plans));
    const expectedAnnotations = (0,model_annotations/* indexAnnotations */.nM)(annotations);
    const [published] = await phases.run('verify', 'Verifying the registry', () => (0,verify/* verifyPublished */.u)(registry, { refs: tags, platforms, indexAnnotations: expectedAnnotations }));
    const index = published;
    step.outputs.set('digest', index.digest);
    step.outputs.set('tags', tags.join('\n'));
    step.outputs.set('platforms', platforms.join(','));
    step.outputs.set('manifest', index.raw);
    summary.rows = images.map((e) => ({
        platform: e.platform,
        digest: e.descriptor.digest,
        source: e.source.label,
    }));
    summary.digest = index.digest;
    summary.tags = tags;
    summary.annotations = Object.entries(expectedAnnotations).map(([k, v]) => `index:${k}=${v}`);
}
/** The sources and the entries they contribute, overrides applied. Throws ActionError for unused overrides. */
async function collect(ctx, registry, inputs, store) {
    const sources = await findSources(ctx, registry, inputs, store);
    // Sources are independent registry reads: one at a time would cost a process round trip each.
    const raw = (await Promise.all(sources.map((source) => sourceEntries(registry, source)))).flat();
    const { entries, unused } = applyOverrides(raw, inputs.platformOverrides);
    if (unused.length) {
        const present = [
            ...new Set(raw.filter((e) => !(0,manifests/* isAttestation */.H3)(e.descriptor)).map((e) => platformText(e.descriptor))),
        ];
        throw new errors/* ActionError */.lZ('merge', `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`, 'platform-overrides');
    }
    return { sources, entries };
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
/** With an override, each entry becomes a descriptor file (see planCreate); otherwise none is written. */
async function writeDescriptors(step, entries) {
    if (!entries.some((e) => e.overridden))
        return [];
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
/** Runs each create, retrying transient failures; a failure says where every tag of it points now. */
async function publish(step, buildx, plans) {
    for (const plan of plans) {
        try {
            await (0,retry/* retry */.L5)(step.exec, step.log, { ...PUBLISH_RETRY, what: `publishing ${plan.repository}` }, () => buildx.run(plan.args), failures/* errorIsTransient */.pc);
        }
        catch (e) {
            const where = await tagStates(buildx, plan.tags, e);
            throw new errors/* ActionError */.lZ('merge', `publishing ${plan.repository} failed: ${(0,failures/* registryReason */.sA)(e)}${where ? `; ${where}` : ''}`);
        }
    }
}
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
