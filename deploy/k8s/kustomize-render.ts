// Renders a kustomization as `kubectl kustomize` does, for the few features deploy/k8s uses, so the
// manifests are checked on machines without kubectl or kustomize (manifests.spec.ts compares this
// with `kubectl kustomize` wherever kubectl exists). Anything else in a kustomization is refused.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One Kubernetes object as rendered. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path: string; target?: { kind?: string; name?: string } }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);

/** Every YAML document of a file, parsed; a YAML error throws naming the file. */
export function readManifests(file: string): Manifest[] {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  return documents.flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    const value = document.toJS() as Manifest | null;
    return value === null ? [] : [value];
  });
}

/** The objects a kustomization directory renders to: resources, then patches, namespace and images. */
export function renderKustomization(dir: string): Manifest[] {
  const file = join(dir, 'kustomization.yaml');
  const [kustomization] = readManifests(file) as unknown as Kustomization[];
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: ${unsupported.join(', ')} not supported by this renderer`);

  const manifests: Manifest[] = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(dir, entry);
    const added = existsSync(path) && statSync(path).isDirectory() ? renderKustomization(path) : readManifests(path);
    for (const manifest of added) {
      if (manifests.some((known) => idOf(known) === idOf(manifest))) throw new Error(`${file}: ${idOf(manifest)} is declared twice`);
      manifests.push(manifest);
    }
  }
  for (const patch of kustomization.patches ?? []) {
    for (const content of readManifests(resolve(dir, patch.path))) {
      const targets = manifests.filter((manifest) => matches(manifest, content, patch.target));
      if (targets.length === 0) throw new Error(`${file}: patch ${patch.path} matches no resource`);
      for (const target of targets) {
        const name = target.metadata.name;
        Object.assign(target, strategicMerge(target, content, patch.path));
        target.metadata.name = name;
      }
    }
  }
  for (const manifest of manifests) {
    if (kustomization.namespace && manifest.kind !== 'Namespace') manifest.metadata.namespace = kustomization.namespace;
    for (const image of kustomization.images ?? []) retag(manifest, image);
  }
  return manifests;
}

/** kind/name, the key kustomize uses to tell resources apart. */
export function idOf(manifest: Manifest): string {
  return `${manifest.kind}/${manifest.metadata.name}`;
}

function matches(manifest: Manifest, patch: Manifest, target: { kind?: string; name?: string } | undefined): boolean {
  if (target) {
    return (!target.kind || manifest.kind === target.kind) && (!target.name || new RegExp(`^${target.name}$`).test(manifest.metadata.name));
  }
  return manifest.kind === patch.kind && manifest.metadata.name === patch.metadata.name;
}

/** A strategic merge patch of maps: keys merge, null deletes, a list of scalars replaces; lists of objects are refused. */
function strategicMerge(base: unknown, patch: unknown, where: string): unknown {
  if (Array.isArray(patch)) {
    if (patch.some((item) => typeof item === 'object' && item !== null)) {
      throw new Error(`${where}: a patch of a list of objects (merge keys) is not supported by this renderer`);
    }
    return patch;
  }
  if (typeof patch !== 'object' || patch === null || typeof base !== 'object' || base === null || Array.isArray(base)) return patch;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = strategicMerge(merged[key], value, where);
  }
  return merged;
}

/** The images transformer: `name[:tag]` of every container becomes newName:newTag. */
function retag(manifest: Manifest, image: { name: string; newName?: string; newTag?: string }): void {
  const pod = (manifest.spec as { template?: { spec?: Record<string, { image?: string }[]> } } | undefined)?.template?.spec;
  for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
    const [name, tag] = splitImage(container.image ?? '');
    if (name !== image.name) continue;
    const newTag = image.newTag ?? tag;
    container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
  }
}

function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

/** The directory of this file's overlays and base, for tests and tools. */
export const K8S_DIR = dirname(__filename);
