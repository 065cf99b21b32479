import { Channels, ParticipantRoles, SupportNeeds, type Channel, type ParticipantRole, type SupportNeed } from '@cpc/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ParticipantInput } from '../application/conference-inputs';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** R-PART: a participant with contact, channel, language, interpreter and support needs. */
export class ParticipantDto implements ParticipantInput {
  @ApiProperty({ enum: ParticipantRoles }) @IsIn(ParticipantRoles) role: ParticipantRole;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) firstName: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) lastName: string;
  @ApiPropertyOptional({ type: [String], description: 'Other names the person is known by (redacted too, R-RED-INIT).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  knownAs?: string[];
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional({ description: 'A UK mobile (R-CONTACT); stored as E.164.' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  mobile?: string;
  @ApiPropertyOptional({ enum: Channels }) @IsOptional() @IsIn(Channels) preferredChannel?: Channel;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) agency?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) language?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() needsInterpreter?: boolean;
  @ApiPropertyOptional({ enum: SupportNeeds, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(SupportNeeds, { each: true })
  supportNeeds?: SupportNeed[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  addresses?: string[];
  @ApiPropertyOptional({ description: 'Login (sub) of a professional participant, e.g. the chair.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  userId?: string;
  @ApiPropertyOptional({ description: 'R-CHILD: whether invited (default true).' }) @IsOptional() @IsBoolean() invited?: boolean;
  @ApiPropertyOptional({ description: "R-CHILD: referred to the children's advocate." })
  @IsOptional()
  @IsBoolean()
  advocateReferral?: boolean;
}

const given = (_: object, value: unknown) => value !== undefined;

/**
 * R-PART / R-CONTACT: a correction of a participant. A field left out stays; `null` clears an optional
 * field (names and `invited` cannot be cleared). The role and the login (userId) are not corrections:
 * they are who the participant is. Validated as when the participant was added.
 */
export class ParticipantUpdateDto {
  // `type` is given wherever the field is `T | null`: TypeScript reflects a union as Object, which the
  // OpenAPI document (and so the typed client) would otherwise call an empty object.
  @ApiPropertyOptional() @ValidateIf(given) @IsString() @IsNotEmpty() @MaxLength(100) firstName?: string;
  @ApiPropertyOptional() @ValidateIf(given) @IsString() @IsNotEmpty() @MaxLength(100) lastName?: string;
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  knownAs?: string[] | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'A change withdraws the contact confirmation (R-CONTACT).' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A UK mobile (R-CONTACT); a change withdraws the contact confirmation.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  mobile?: string | null;
  @ApiPropertyOptional({ enum: Channels, nullable: true }) @IsOptional() @IsIn(Channels) preferredChannel?: Channel | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) agency?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) language?: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @IsOptional() @IsBoolean() needsInterpreter?: boolean | null;
  @ApiPropertyOptional({ enum: SupportNeeds, isArray: true, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(SupportNeeds, { each: true })
  supportNeeds?: SupportNeed[] | null;
  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  addresses?: string[] | null;
  @ApiPropertyOptional({ description: 'R-CHILD: whether invited.' }) @ValidateIf(given) @IsBoolean() invited?: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: "R-CHILD: referred to the children's advocate." })
  @IsOptional()
  @IsBoolean()
  advocateReferral?: boolean | null;
}
