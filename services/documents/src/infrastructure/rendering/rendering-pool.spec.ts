import { WorkerPoolFull } from '@cpc/http';
import officeCrypto from 'officecrypto-tool';
import type { DocumentSection } from '../../domain/document-section';
import { buildParentCopy } from '../../domain/redaction/parent-copy';
import { DocumentRenderingPool, workerEntry } from './rendering-pool';
import { readWordDocumentText } from './word-document-text';

const identity = {
  people: [
    { firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02', role: 'CHILD' as const },
    { firstName: 'Karen', lastName: 'Stone', role: 'PARENT' as const },
  ],
  addresses: ['12 Acacia Road, London W6 0AB'],
};
const sections: DocumentSection[] = [
  { heading: 'Decision', text: 'Amy Stone is subject to a plan.\nKaren Stone agreed.', classification: 'OPEN' },
  { heading: 'Police', text: 'PNC record 7731.', classification: 'CONFIDENTIAL' },
  { heading: 'Home', text: 'Karen said he pushed her.', classification: 'OPEN', sensitivity: 'DOMESTIC_ABUSE' },
];

describe('the documents worker pool (issue 15)', () => {
  let pool: DocumentRenderingPool;
  beforeAll(() => {
    pool = new DocumentRenderingPool({ workers: 1, maxQueue: 1 });
  });
  afterAll(() => pool.onApplicationShutdown());

  it('finds its worker as .js next to the compiled pool and as .ts (with the ts-node hook) from source', () => {
    expect(workerEntry('/srv/dist/infrastructure/rendering/rendering-pool.js')).toMatchObject({ execArgv: [] });
    expect(workerEntry('/srv/dist/infrastructure/rendering/rendering-pool.js').filename).toMatch(/rendering\.worker\.js$/);
    const fromSource = workerEntry(__filename.replace(/\.spec\.ts$/, '.ts'));
    expect(fromSource.filename).toMatch(/rendering\.worker\.ts$/);
    expect(fromSource.execArgv[1]).toMatch(/test[\\/]typescript-worker\.js$/);
  });

  it('R-RED-INIT, R-RED-DV, R-DEL-PRO: redacts and renders both copies on a worker, as the domain decides', async () => {
    const copies = await pool.renderCirculationCopies({ title: 'Plan', sections, identity, sensitiveCase: true });
    expect(copies.adviseVictim).toBe(buildParentCopy(sections, identity, true).adviseVictim);
    expect(copies.adviseVictim).toBe(true);
    const professional = readWordDocumentText(Buffer.from(copies.professional));
    const parent = readWordDocumentText(Buffer.from(copies.parent));
    expect(professional).toContain('Amy Stone is subject to a plan.');
    expect(professional).toContain('PNC record 7731.');
    expect(parent).toContain('A.S. is subject to a plan.');
    expect(parent).not.toMatch(/Amy|Karen|PNC|pushed/);
  });

  it('R-DEL-PWD: encrypts on a worker while the event loop keeps turning; the copy opens with its password only', async () => {
    const document = Buffer.from((await pool.renderCirculationCopies({ title: 'Plan', sections, identity, sensitiveCase: false })).parent);
    let turns = 0;
    let done = false;
    const spin = (): void => {
      turns += 1;
      if (!done) setImmediate(spin);
    };
    setImmediate(spin);
    const encrypted = await pool.encryptParentCopy(document, 'K7QM-3XHP-WR9T-BZ4C');
    done = true;
    // 100,000 SHA-512 spins on this thread would have run as one synchronous block: no turn at all meanwhile.
    expect(turns).toBeGreaterThan(10);
    expect(officeCrypto.isEncrypted(encrypted)).toBe(true);
    expect(Buffer.compare(await officeCrypto.decrypt(encrypted, { password: 'K7QM-3XHP-WR9T-BZ4C' }), document)).toBe(0);
    await expect(officeCrypto.decrypt(encrypted, { password: 'K7QM-3XHP-WR9T-BZ4D' })).rejects.toThrow();
  });

  it('refuses a batch that would overflow its queue before starting any of it, and a task past the bound', async () => {
    expect(() => pool.reserve(2)).not.toThrow(); // one running, one waiting
    expect(() => pool.reserve(3)).toThrow(WorkerPoolFull);
    const document = Buffer.from('not a real package, still encrypted');
    const running = [pool.encryptParentCopy(document, 'A'), pool.encryptParentCopy(document, 'B')];
    expect(() => pool.reserve(1)).toThrow(WorkerPoolFull);
    await expect(pool.encryptParentCopy(document, 'C')).rejects.toThrow(WorkerPoolFull);
    await Promise.all(running);
    expect(() => pool.reserve(2)).not.toThrow();
  });
});
