import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ServiceConfig } from '../../libs/config/src';
import { ConferenceConfig } from '../../services/conference/src/conference.config';
import { ConsoleConfig } from '../../services/console/src/console.config';
import { DocumentsConfig } from '../../services/documents/src/documents.config';
import { NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { SchedulingConfig } from '../../services/scheduling/src/scheduling.config';
import { idOf, K8S_DIR, readManifests, renderKustomization, type Manifest } from './kustomize-render';
import { validateAgainstKubernetesSchema } from './manifest-schema';

// Issue 13 item 3: every overlay renders, every object is valid for the Kubernetes API, and the
// policy a council's platform team asks for holds (probes, limits, non-root, read-only root, secrets).
const SETTINGS: Record<string, ServiceConfig> = {
  conference: new ConferenceConfig(),
  scheduling: new SchedulingConfig(),
  documents: new DocumentsConfig(),
  notifications: new NotificationsConfig(),
  console: new ConsoleConfig(),
};
/** Settings that are credentials or name them: never in a ConfigMap, always from a Secret. */
const SECRET_SETTINGS = new Set([
  'AUTH_JWT_SECRET',
  'AUTH_JWKS_URL',
  'DATABASE_URL',
  'REDIS_URL',
  'DOCUMENTS_ENCRYPTION_KEYS',
  'DELIVERY_PUBLIC_KEY',
  'DELIVERY_PRIVATE_KEY',
  'NOTIFY_API_KEY',
  'NOTIFY_CALLBACK_TOKEN',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'AUTH_CLIENT_SECRET',
  'CONSOLE_OIDC_CLIENT_SECRET',
  'CONSOLE_SESSION_KEYS',
]);
const OVERLAYS = ['local', 'production'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, renderKustomization(join(K8S_DIR, 'overlays', o))])) as Record<
  (typeof OVERLAYS)[number],
  Manifest[]
>;
const productionSecrets = readManifests(join(K8S_DIR, 'overlays', 'production', 'secrets.example.yaml'));

interface Container {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; emptyDir?: object; configMap?: { name: string; optional?: boolean } }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
}
const spec = <T>(m: Manifest) => m.spec as T;
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const podOf = (deployment: Manifest) => spec<{ template: { spec: PodSpec } }>(deployment).template.spec;
const configMapData = (manifests: Manifest[], name: string) => (named(manifests, 'ConfigMap', name)?.data ?? {}) as Record<string, string>;

/** Every setting a container receives, by name, with where it comes from (a name twice is a mistake). */
function settingsOf(manifests: Manifest[], container: Container): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  const add = (name: string, from: string) => sources.set(name, [...(sources.get(name) ?? []), from]);
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) throw new Error('envFrom secretRef: name each secret setting with a secretKeyRef');
    for (const key of Object.keys(configMapData(manifests, source.configMapRef!.name))) add(key, `configmap:${source.configMapRef!.name}`);
  }
  for (const variable of container.env ?? []) add(variable.name, variable.valueFrom?.secretKeyRef ? 'secret' : 'value');
  return sources;
}

describe.each(OVERLAYS)('deploy/k8s overlay %s', (overlay) => {
  const manifests = rendered[overlay];
  const deployments = ofKind(manifests, 'Deployment');

  it('renders a Deployment, Service, PodDisruptionBudget and autoscaler for each of the five services', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(Object.keys(SETTINGS).sort());
    for (const kind of ['Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']) {
      expect(
        ofKind(manifests, kind)
          .map((m) => m.metadata.name)
          .sort(),
      ).toEqual(Object.keys(SETTINGS).sort());
    }
    expect(new Set(manifests.map((m) => m.metadata.namespace)).size).toBe(1);
  });

  it('validates every object against the Kubernetes API schemas', () => {
    const failures = manifests.flatMap((m) => {
      try {
        validateAgainstKubernetesSchema(m);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(failures).toEqual([]);
  });

  it.each(Object.keys(SETTINGS))('probes, limits and locks down the %s pods', (name) => {
    const pod = podOf(named(manifests, 'Deployment', name)!);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false); // no <SERVICE>_PORT variables beside the settings
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    for (const container of pod.containers) {
      const http = container.ports.find((p) => p.name === 'http')!;
      expect(Number(configMapData(manifests, `cpc-${name}-config`).PORT)).toBe(http.containerPort);
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      for (const bound of ['requests', 'limits'] as const)
        expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
      });
      expect(container.securityContext?.capabilities?.drop).toEqual(['ALL']);
      const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
      expect(pod.volumes?.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
      // A council's private CAs: the optional cpc-ca-certificates ConfigMap, read-only at /etc/cpc/ca.
      const ca = container.volumeMounts?.find((mount) => mount.mountPath === '/etc/cpc/ca');
      expect(ca?.readOnly).toBe(true);
      expect(pod.volumes?.find((volume) => volume.name === ca?.name)?.configMap).toEqual({ name: 'cpc-ca-certificates', optional: true });
    }
  });

  it.each(Object.keys(SETTINGS))('gives the %s service only settings its code reads, secrets from Secrets', (name) => {
    const known = new Set(Object.keys(SETTINGS[name]));
    for (const container of podOf(named(manifests, 'Deployment', name)!).containers) {
      const sources = settingsOf(manifests, container);
      expect([...sources.keys()].filter((key) => !known.has(key))).toEqual([]);
      expect([...sources].filter(([, from]) => from.length > 1)).toEqual([]);
      for (const [key, [from]] of sources) expect([key, from === 'secret']).toEqual([key, SECRET_SETTINGS.has(key)]);
      for (const source of container.envFrom ?? []) expect(named(manifests, 'ConfigMap', source.configMapRef!.name)).toBeDefined();
    }
  });

  it('finds every secretKeyRef in a Secret, and every Secret key is read', () => {
    const secrets = overlay === 'production' ? productionSecrets : ofKind(manifests, 'Secret');
    const wanted = deployments.flatMap((d) =>
      podOf(d).containers.flatMap((c) => (c.env ?? []).flatMap((v) => (v.valueFrom?.secretKeyRef ? [v.valueFrom.secretKeyRef] : []))),
    );
    const has = (ref: { name: string; key: string }) =>
      secrets.some((s) => s.metadata.name === ref.name && ref.key in ((s.stringData ?? s.data ?? {}) as object));
    expect(wanted.filter((ref) => !has(ref))).toEqual([]);
    const offered = secrets.flatMap((s) => Object.keys((s.stringData ?? s.data ?? {}) as object).map((key) => `${s.metadata.name}/${key}`));
    expect(offered.filter((key) => !wanted.some((ref) => `${ref.name}/${ref.key}` === key))).toEqual([]);
  });

  it('keeps at least two replicas of every service, spread over nodes, with a disruption budget', () => {
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const labels = spec<{ template: { metadata: { labels: Record<string, string> } } }>(deployment).template.metadata.labels;
      // The autoscaler owns the replica count: a fixed spec.replicas would reset it on every apply.
      expect(spec<{ replicas?: number }>(deployment).replicas).toBeUndefined();
      const hpa = spec<{ scaleTargetRef: object; minReplicas: number }>(named(manifests, 'HorizontalPodAutoscaler', name)!);
      expect(named(manifests, 'HorizontalPodAutoscaler', name)!.apiVersion).toBe('autoscaling/v2');
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(overlay === 'production' ? 3 : 2);
      const pdb = spec<{ minAvailable: number; selector: { matchLabels: Record<string, string> } }>(
        named(manifests, 'PodDisruptionBudget', name)!,
      );
      expect(pdb.minAvailable).toBeGreaterThanOrEqual(1);
      expect(pdb.minAvailable).toBeLessThan(hpa.minReplicas);
      expect(labels).toMatchObject(pdb.selector.matchLabels);
      expect(labels).toMatchObject(spec<{ selector: Record<string, string> }>(named(manifests, 'Service', name)!).selector);
      expect(podOf(deployment)).toHaveProperty(['topologySpreadConstraints', 0, 'topologyKey'], 'kubernetes.io/hostname');
    }
  });
});

describe('deploy/k8s production overlay', () => {
  const manifests = rendered.production;
  it('carries no Secret, so applying it never overwrites the council secrets', () => {
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    for (const secret of productionSecrets) validateAgainstKubernetesSchema(secret);
  });

  it('reaches Kafka over TLS with SCRAM-SHA-512 and creates topics replicated 3 times, min.insync.replicas 2', () => {
    expect(configMapData(manifests, 'cpc-shared-config')).toMatchObject({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    for (const secret of productionSecrets.filter((s) => Object.keys(SETTINGS).includes(s.metadata.name.replace(/^cpc-/, ''))))
      expect(Object.keys(secret.stringData as object)).toEqual(expect.arrayContaining(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']));
  });

  it('gives every service the identity provider it checks tokens against, and notifications its own client for documents', () => {
    expect(configMapData(manifests, 'cpc-shared-config')).toMatchObject({
      AUTH_ISSUER: expect.stringMatching(/^https:\/\//),
      AUTH_AUDIENCE: 'urn:cpc:api',
    });
    expect(configMapData(manifests, 'cpc-notifications-config').AUTH_CLIENT_ID).toBe('cpc-notifications');
    const notifications = productionSecrets.find((s) => s.metadata.name === 'cpc-notifications')!;
    expect(Object.keys(notifications.stringData as object)).toContain('AUTH_CLIENT_SECRET');
  });

  it('runs a pinned image in production mode against no local address', () => {
    expect(configMapData(manifests, 'cpc-shared-config').NODE_ENV).toBe('production');
    for (const deployment of ofKind(manifests, 'Deployment')) {
      for (const container of podOf(deployment).containers) expect(container.image).toMatch(/^[\w.-]+\/[\w./-]+:\d[\w.-]*$/);
    }
    // A setting whose default names this machine or a checkout's file must be set for the council.
    for (const [name, config] of Object.entries(SETTINGS)) {
      const container = podOf(named(manifests, 'Deployment', name)!).containers[0];
      const sources = settingsOf(manifests, container);
      const local = Object.entries(config).filter(([, value]) => /127\.0\.0\.1|localhost|\.local\//.test(String(value)));
      expect(local.map(([key]) => key).filter((key) => !sources.has(key))).toEqual([]);
      for (const [, from] of sources)
        if (from[0].startsWith('configmap:'))
          expect(Object.values(configMapData(manifests, from[0].slice(10))).join()).not.toMatch(/127\.0\.0\.1|localhost/);
    }
  });
});

describe('the Kubernetes schema validator', () => {
  const deployment = named(rendered.production, 'Deployment', 'conference')!;
  it.each([
    [
      'a replica count that is not a number',
      (d: Manifest) => Object.assign(d.spec as object, { replicas: 'three' }),
      /replicas must be integer/,
    ],
    [
      'a container without a name',
      (d: Manifest) => delete (podOf(d).containers[0] as Partial<Container>).name,
      /must have required property name/,
    ],
    ['a probe without a port', (d: Manifest) => delete (podOf(d).containers[0].readinessProbe!.httpGet as { port?: unknown }).port, /port/],
    ['a memory limit that is an object', (d: Manifest) => (podOf(d).containers[0].resources!.limits!.memory = {} as never), /memory/],
  ])('refuses a planted bad manifest: %s', (_what, plant, message) => {
    const bad = structuredClone(deployment);
    expect(() => validateAgainstKubernetesSchema(structuredClone(bad))).not.toThrow();
    plant(bad);
    expect(() => validateAgainstKubernetesSchema(bad)).toThrow(message);
  });

  it('refuses a kind it has no schema for, rather than letting it through', () => {
    expect(() => validateAgainstKubernetesSchema({ apiVersion: 'v1', kind: 'Deploymint', metadata: { name: 'x' } })).toThrow(
      /no Kubernetes schema/,
    );
  });
});

// The renderer stands in for kustomize where none is installed; where kubectl is, both must agree.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
(kubectl ? describe : describe.skip)(`the renderer against kubectl kustomize${kubectl ? '' : ' (skipped: no kubectl here)'}`, () => {
  it.each(['base', 'overlays/local', 'overlays/production'])('renders %s exactly as kubectl kustomize does', (dir) => {
    const out = spawnSync('kubectl', ['kustomize', join(K8S_DIR, dir)], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const theirs = parseAllDocuments(out.stdout).map((d) => d.toJS() as Manifest);
    const ours = dir === 'base' ? renderKustomization(join(K8S_DIR, 'base')) : rendered[dir.slice(9) as 'local' | 'production'];
    const byId = (list: Manifest[]) => Object.fromEntries(list.map((m) => [`${idOf(m)}@${m.metadata.namespace ?? ''}`, m]));
    expect(byId(ours)).toEqual(byId(theirs));
  });
});
