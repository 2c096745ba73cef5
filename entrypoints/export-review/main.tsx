import { render } from 'preact';
import { ExportReview } from '@/components/export-review/ExportReview';
import { pageDeps } from '@/utils/export-review/page';
import './style.css';

render(<ExportReview deps={pageDeps(location.search)} />, document.getElementById('app')!);
