import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import type * as OpenApiPlugin from 'docusaurus-plugin-openapi-docs';
import { themes as prismThemes } from 'prism-react-renderer';
import { offlinePlugin } from './plugins/offline';

/** Where the console calls the gateway; the console also takes `?gateway=<url>` at run time. */
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8787';
/** Where the portal is served: the gateway's DOCS_URL (problem `type` URLs point here). */
const portalUrl = process.env.PORTAL_URL ?? 'http://127.0.0.1:3000';

const config: Config = {
  title: 'Tessera for developers',
  tagline: 'Payments, credit scores and instant credit under the consent your customers grant.',
  url: portalUrl,
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  trailingSlash: false,
  // Every link is checked at build time: a broken one fails the build.
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',
  // .md is CommonMark, .mdx is MDX; broken Markdown links fail the build like broken links.
  markdown: { format: 'detect', hooks: { onBrokenMarkdownLinks: 'throw' } },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  customFields: { gatewayUrl },
  // No web fonts, analytics or search service (search reads a local index built with the site),
  // and plugins/offline.ts strips the remote icons of the API reference's stylesheet: the site
  // loads nothing from elsewhere (test/site.test.ts).
  // Rspack, SWC and Lightning CSS: the production build is several times faster on two cores.
  future: { v4: true, faster: true },
  presets: [
    [
      'classic',
      {
        docs: {
          path: 'docs',
          routeBasePath: 'docs',
          sidebarPath: './sidebars.ts',
          docItemComponent: '@theme/ApiItem',
        },
        blog: false,
        pages: {},
        sitemap: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  plugins: [
    offlinePlugin,
    [
      'docusaurus-plugin-openapi-docs',
      {
        id: 'openapi',
        docsPluginId: 'classic',
        config: {
          tessera: {
            // ../openapi/openapi.json as scripts/gen.mts prepares it for "Try it" (npm run gen).
            specPath: '.openapi/openapi.json',
            outputDir: 'docs/api',
            sidebarOptions: { groupPathsBy: 'tag', categoryLinkSource: 'tag' },
            showSchemas: false,
            hideSendButton: false,
          } satisfies OpenApiPlugin.Options,
        },
      },
    ],
    [
      '@docusaurus/plugin-content-docs',
      {
        // One page per problem `code`, generated from gateway/src/platform/errors.ts.
        id: 'errors',
        path: 'errors',
        routeBasePath: 'errors',
        sidebarPath: './sidebars-errors.ts',
      },
    ],
  ],
  themes: [
    'docusaurus-theme-openapi-docs',
    [
      // Search from an index built with the site (lunr, in the browser): no search service.
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        language: ['en'],
        indexDocs: true,
        indexBlog: false,
        indexPages: true,
        docsRouteBasePath: ['docs', 'errors'],
        highlightSearchTermsOnTargetPage: false,
        searchResultLimits: 10,
        explicitSearchResultPath: true,
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Tessera',
      items: [
        { to: '/docs/getting-started', label: 'Get started', position: 'left' },
        { type: 'docSidebar', sidebarId: 'docs', label: 'Docs', position: 'left' },
        { type: 'docSidebar', sidebarId: 'api', label: 'API reference', position: 'left' },
        { to: '/errors', label: 'Errors', position: 'left' },
        { to: '/docs/sdk', label: 'SDK', position: 'left' },
        { to: '/docs/changelog', label: 'Changelog', position: 'left' },
        { to: '/console', label: 'Console', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Learn',
          items: [
            { label: 'Get started', to: '/docs/getting-started' },
            { label: 'Concepts', to: '/docs/concepts/consent' },
            { label: 'Guides', to: '/docs/guides/checkout-credit' },
          ],
        },
        {
          title: 'Reference',
          items: [
            { label: 'API reference', to: '/docs/api/tessera-api' },
            { label: 'Errors', to: '/errors' },
            { label: 'SDK', to: '/docs/sdk' },
          ],
        },
        {
          title: 'Build',
          items: [
            { label: 'Console', to: '/console' },
            { label: 'Changelog', to: '/docs/changelog' },
          ],
        },
      ],
      copyright: 'Tessera: open banking APIs. Sandbox data is fictitious.',
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'json', 'http', 'java'],
    },
    docs: { sidebar: { hideable: true } },
    // Try it: the reader pastes a token; the portal session cookie never rides along.
    // The operations' own x-codeSamples (sdk/samples, curl with DPoP explained) replace the
    // generated snippets of their tabs; the TypeScript (SDK) tab comes first.
    api: { requestCredentials: 'omit', hideGeneratedSnippets: true },
    languageTabs: [
      {
        highlight: 'typescript',
        language: 'typescript',
        codeSampleLanguage: 'TypeScript',
        logoClass: 'javascript',
      },
      { highlight: 'bash', language: 'curl', codeSampleLanguage: 'cURL', logoClass: 'curl' },
      { highlight: 'javascript', language: 'javascript', logoClass: 'javascript' },
      { highlight: 'javascript', language: 'nodejs', logoClass: 'nodejs' },
      { highlight: 'python', language: 'python', logoClass: 'python' },
      { highlight: 'go', language: 'go', logoClass: 'go' },
      { highlight: 'java', language: 'java', logoClass: 'java' },
    ],
  } satisfies Preset.ThemeConfig,
};

export default config;
