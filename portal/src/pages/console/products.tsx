import { ProductsView } from '../../console/products';
import { ConsolePage } from '../../console/ui';

export default function ProductsPage() {
  return <ConsolePage title="Products">{() => <ProductsView />}</ConsolePage>;
}
