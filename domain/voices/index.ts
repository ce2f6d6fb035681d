import { z } from 'zod';
import catalogue from './catalogue.json';

/** Providers whose voices the catalogue lists (`GET /voices/{id}?provider=`). */
export const voiceProviderSchema = z.enum(['cartesia', 'elevenlabs', 'gradium']);
export type VoiceProvider = z.infer<typeof voiceProviderSchema>;

/** One voice as `GET /voices` shows it. */
export const voiceCatalogueEntrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  provider: voiceProviderSchema,
  language: z.string().nullable(),
  gender: z.enum(['male', 'female', 'neutral']).nullable(),
  accent: z.string().nullable(),
  description: z.string().nullable(),
});
export type Voice = z.infer<typeof voiceCatalogueEntrySchema>;

/** The simulator's voice catalogue (`domain/voices/catalogue.json`), checked once when loaded. */
export const voiceCatalogue: readonly Voice[] = z.array(voiceCatalogueEntrySchema).parse(catalogue);

/** The voice `id` of `provider`, or of any provider when none is named; undefined when the catalogue lacks it. */
export function findVoice(id: string, provider?: VoiceProvider): Voice | undefined {
  return voiceCatalogue.find((voice) => voice.id === id && (provider === undefined || voice.provider === provider));
}

/**
 * Why an assistant's `voice` is not usable, or null when it is (or when no voice is set): the id must be one the
 * catalogue lists for that provider.
 */
export function unknownVoiceMessage(voice: { id: string; provider: VoiceProvider } | null | undefined): string | null {
  if (!voice) return null;
  if (findVoice(voice.id, voice.provider)) return null;
  return `unknown voice id ${voice.id} for provider ${voice.provider}; GET /voices lists the known voices`;
}
