// Validates a rendered object against the Kubernetes API's JSON schema for its apiVersion and kind,
// with the kubernetes-models package (its schemas are generated from the Kubernetes OpenAPI document).
import type { Manifest } from './kustomize-render';

interface ModelClass {
  new (data: object): { validate(): void };
}

/**
 * Throws a message naming the object and every schema violation (`data/spec/replicas must be
 * integer`); throws too when the apiVersion/kind has no schema, so nothing goes unvalidated.
 */
export function validateAgainstKubernetesSchema(manifest: Manifest): void {
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : [undefined, manifest.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ''}${version}/${manifest.kind}`;
  let Model: ModelClass;
  try {
    // One module per apiVersion/kind, found from the object itself: a static import per kind would miss new kinds.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Model = (require(module) as Record<string, ModelClass>)[manifest.kind];
  } catch {
    throw new Error(`${manifest.kind}/${manifest.metadata?.name}: no Kubernetes schema for ${manifest.apiVersion} ${manifest.kind}`);
  }
  try {
    new Model(manifest).validate();
  } catch (error) {
    throw new Error(`${manifest.kind}/${manifest.metadata?.name}: ${(error as Error).message}`);
  }
}
