import { VerifiedClaims } from './token-verifier';
import { Viewer } from './viewer';

/**
 * Who a verified token belongs to, as the request's viewer. `common` builds every request's
 * context but sits below the members feature, so it asks through this port; MembersModule
 * provides it (the member row, created on first sight, and a peer specialist's spaces).
 */
export interface ViewerDirectory {
  viewerFor(claims: VerifiedClaims): Promise<Viewer>;
  /** Whether a viewer authenticated earlier (a subscription socket) may still be served: false once discharged. */
  stillAdmitted(viewer: Viewer): Promise<boolean>;
}

export const VIEWER_DIRECTORY = Symbol('ViewerDirectory');
