// The language providers' implementations, a side bundle loaded the first time VS Code asks one of them
// (see ../languageFeatures.ts, which registers thin forwarders at activation).
import type { RoadmapService } from '../roadmapService';
import { RoadmapCodeActionProvider } from './codeActions';
import { FeatureCodeLensProvider } from './codeLens';
import { FrontmatterCompletionProvider } from './completion';
import { FrontmatterHoverProvider } from './hover';
import { LanguageContext } from './languageContext';
import { FeatureIdLinkProvider } from './links';
import { FeatureIdRenameProvider } from './rename';

export type LanguageProviders = ReturnType<typeof languageProviders>;

export function languageProviders(service: RoadmapService) {
  const language = new LanguageContext(service);
  const codeLens = new FeatureCodeLensProvider(language);
  return {
    completion: new FrontmatterCompletionProvider(language),
    hover: new FrontmatterHoverProvider(language),
    codeActions: new RoadmapCodeActionProvider(language),
    codeLens,
    links: new FeatureIdLinkProvider(language),
    rename: new FeatureIdRenameProvider(language),
    dispose(): void {
      codeLens.dispose();
      language.dispose();
    },
  };
}
