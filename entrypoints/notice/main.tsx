import { render } from 'preact';
import { NoticePage } from '@/components/NoticePage';
import '../popup/style.css';
import './style.css';

render(<NoticePage />, document.getElementById('app')!);
