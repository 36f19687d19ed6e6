// A page with a heading, a text and perhaps a link: not found, an account is needed, and the like.
import { Layout, type Viewer } from '../layout.js';

export function MessagePage(props: { title: string; text: string; link?: { href: string; label: string }; viewer: Viewer | undefined }) {
  return (
    <Layout title={props.title} viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{props.text}</p>
      {props.link && (
        <p class="ds-paragraph">
          <a class="ds-link" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      )}
    </Layout>
  );
}
