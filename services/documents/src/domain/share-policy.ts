import type { Audience, DocumentSection } from './document-section';

/** A confidential section someone asked to send to the family: named so the refusal can say which. */
export interface ConfidentialSectionRequested {
  index: number;
  heading: string;
}

export type ShareDecision =
  | { outcome: 'SHARE'; audience: Audience; indexes: number[]; sections: DocumentSection[] }
  | { outcome: 'REFUSED'; audience: Audience; reason: 'CONFIDENTIAL_TO_FAMILY'; confidentialRequested: ConfidentialSectionRequested[] };

/** A request named a section the document does not have: a caller's mistake, not a policy refusal. */
export class UnknownSectionError extends Error {
  constructor(
    readonly index: number,
    readonly sectionCount: number,
  ) {
    super(`section ${index} does not exist: the document has ${sectionCount} section(s)`);
    this.name = 'UnknownSectionError';
  }
}

/**
 * R-CLASS-2: confidential (police) information is shared only among professionals and never goes
 * to the family, whatever the request. Without a request the family gets every OPEN section and
 * the professionals get everything; a request that names a confidential section for the family is
 * refused as a whole, naming those sections, so nobody believes a partial share went out.
 */
export class SharePolicy {
  decide(sections: readonly DocumentSection[], audience: Audience, requested?: readonly number[]): ShareDecision {
    const indexes = requested === undefined ? sections.map((_, index) => index) : this.requestedIndexes(sections, requested);
    if (audience === 'PROFESSIONALS') return this.share(sections, audience, indexes);

    if (requested === undefined) {
      return this.share(
        sections,
        audience,
        indexes.filter((index) => sections[index].classification === 'OPEN'),
      );
    }
    const confidentialRequested = indexes
      .filter((index) => sections[index].classification !== 'OPEN')
      .map((index) => ({ index, heading: sections[index].heading }));
    if (confidentialRequested.length > 0) {
      return { outcome: 'REFUSED', audience, reason: 'CONFIDENTIAL_TO_FAMILY', confidentialRequested };
    }
    return this.share(sections, audience, indexes);
  }

  /**
   * R-DV / R-RED-DV: a section marked sensitive (domestic abuse) is withheld from the family, as the
   * parents' copy of the plan withholds it: what a victim told professionals must not reach a
   * perpetrator through a report share. Without a request such sections are left out; a request
   * that names one is refused as a whole, naming it.
   */
  withholdSensitive(
    sections: readonly DocumentSection[],
    audience: Audience,
    indexes: readonly number[],
    requested: boolean,
  ): { indexes: number[]; refused: ConfidentialSectionRequested[] } {
    if (audience === 'PROFESSIONALS') return { indexes: [...indexes], refused: [] };
    const sensitive = indexes.filter((index) => sections[index].sensitivity !== undefined);
    if (requested && sensitive.length > 0) {
      return { indexes: [], refused: sensitive.map((index) => ({ index, heading: sections[index].heading })) };
    }
    return { indexes: indexes.filter((index) => sections[index].sensitivity === undefined), refused: [] };
  }

  private requestedIndexes(sections: readonly DocumentSection[], requested: readonly number[]): number[] {
    for (const index of requested) {
      if (!Number.isInteger(index) || index < 0 || index >= sections.length) throw new UnknownSectionError(index, sections.length);
    }
    return [...new Set(requested)].sort((a, b) => a - b);
  }

  private share(sections: readonly DocumentSection[], audience: Audience, indexes: number[]): ShareDecision {
    return { outcome: 'SHARE', audience, indexes, sections: indexes.map((index) => sections[index]) };
  }
}
