import { render } from 'preact';
import { ExportReview } from '@/components/export-review/ExportReview';
import { loadPageDeps } from '@/utils/export-review/page';
import './style.css';

// The portal list includes the organisation's and the patient's own portals, read from storage first.
void loadPageDeps(location.search).then((deps) => render(<ExportReview deps={deps} />, document.getElementById('app')!));
