import { render } from 'preact';
import { NoticePage } from '@/components/notice/NoticePage';
import '../../components/shared/page.css';
import './style.css';

render(<NoticePage />, document.getElementById('app')!);
