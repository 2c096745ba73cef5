import { render } from 'preact';
import { GuidePage } from '@/components/guide/GuidePage';
import '../popup/style.css';
import '../notice/style.css';
import './style.css';

render(<GuidePage />, document.getElementById('app')!);
