import { Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from '../common/auth/current-viewer.decorator';
import { Viewer } from '../common/auth/viewer';
import { MemberModel } from './models/member.model';

@Resolver(() => MemberModel)
export class MembersResolver {
  @Query(() => MemberModel, { description: 'The signed-in member.' })
  me(@CurrentViewer() viewer: Viewer): MemberModel {
    return { id: viewer.memberId, displayName: viewer.displayName, role: viewer.role };
  }
}
