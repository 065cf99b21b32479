import { Channels, Roles, SupportNeeds, type Channel, type Role, type SupportNeed } from '@cpc/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** R-PART: a participant with contact, channel, language, interpreter and support needs. */
export class ParticipantDto {
  @ApiProperty({ enum: Roles }) @IsIn(Roles) role: Role;
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
