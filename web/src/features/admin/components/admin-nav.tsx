import { Link, useLocation } from 'wouter';

const SECTIONS = [
  { href: '/admin/assignments', label: 'Assignments' },
  { href: '/admin/watched-words', label: 'Watched words' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/queues', label: 'Queue health' },
  { href: '/admin/roster', label: 'On-call roster' },
  { href: '/admin/spaces', label: 'Spaces' },
  { href: '/admin/members', label: 'Members' },
] as const;

/** The console's sections; the current one is marked for screen readers and by a thick underline, not by colour alone. */
export function AdminNav() {
  const [location] = useLocation();
  return (
    <nav aria-label="Program console" className="admin-nav">
      <ul className="admin-nav__list">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="admin-nav__link" aria-current={location === s.href ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The console's landing page: what each section is for. */
export function AdminOverview() {
  return (
    <ul className="admin-overview">
      <li>
        <Link href="/admin/assignments">Assignments</Link>: which peer specialists look after which spaces.
      </li>
      <li>
        <Link href="/admin/watched-words">Watched words</Link>: words that hold or flag a post, and a box to check whether a text would be caught.
      </li>
      <li>
        <Link href="/admin/audit">Audit log</Link>: who read or changed what, with filters and a CSV download.
      </li>
      <li>
        <Link href="/admin/queues">Queue health</Link>: whether screening and paging keep up, and a retry for failed jobs.
      </li>
    </ul>
  );
}
