// The navigation between the pages of Mina sidor, on each of them; the page shown is marked for
// screen readers (aria-current) and by sight. Min organisation is only for local administrators.
export type MyPage = 'arenden' | 'uppgifter' | 'organisation' | 'api-nycklar';

const LINKS: Array<{ page: MyPage; href: string; label: string; localAdminOnly?: true }> = [
  { page: 'arenden', href: '/mina-sidor', label: 'Mina ärenden' },
  { page: 'uppgifter', href: '/mina-sidor/uppgifter', label: 'Mina uppgifter' },
  { page: 'organisation', href: '/mina-sidor/organisation', label: 'Min organisation', localAdminOnly: true },
  { page: 'api-nycklar', href: '/mina-sidor/api-nycklar', label: 'API-nycklar' },
];

/** `current` is the page shown; leave it out on a page that is none of these. */
export function MyPagesNav({ current, isLocalAdmin }: { current?: MyPage | undefined; isLocalAdmin: boolean }) {
  return (
    <nav class="kp-my-pages" aria-label="Mina sidor">
      <ul>
        {LINKS.filter((l) => isLocalAdmin || !l.localAdminOnly).map((l) => (
          <li>
            <a class="ds-link" href={l.href} aria-current={l.page === current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
