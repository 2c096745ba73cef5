/** Step 5: what follows a breach. */
export function StayAlertStep({ portalName, host }: { portalName: string; host?: string }) {
  return (
    <div>
      <ul>
        <li>After a breach, scammers send emails, texts and calls that mention it, often offering “compensation” or asking you to “verify” your account.</li>
        <li>
          <strong>{portalName} will never ask for your password</strong> by email, text message or phone. Nobody genuine will.
        </li>
        <li>Do not follow links in unexpected messages. Go to the portal by typing its address yourself{host ? `: ${host}` : ''}.</li>
        <li>If you gave your password to someone, change it again straight away and tell your provider.</li>
      </ul>
    </div>
  );
}
