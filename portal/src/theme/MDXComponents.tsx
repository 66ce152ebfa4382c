import MDXComponents from '@theme-original/MDXComponents';
import { ApiLink } from '../components/ApiLink';

/** Components every MDX page may use without importing them. */
export default {
  ...MDXComponents,
  ApiLink,
};
