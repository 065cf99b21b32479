/**
 * A section of a report, the plan or the minutes. Its classification decides who may read it
 * (R-CLASS); its sensitivity mark decides whether a sensitive case's parents may (R-DV, R-RED-DV).
 */
export type SectionClassification = 'OPEN' | 'CONFIDENTIAL'; // R-CLASS
export type SectionSensitivity = 'DOMESTIC_ABUSE'; // R-DV

export interface DocumentSection {
  heading: string;
  text: string;
  classification: SectionClassification;
  sensitivity?: SectionSensitivity;
}

/** Who a document goes to: the family (parents, children, family members) or the professionals. */
export type Audience = 'FAMILY' | 'PROFESSIONALS';
