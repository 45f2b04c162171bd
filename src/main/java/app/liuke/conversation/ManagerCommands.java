package app.liuke.conversation;

import app.liuke.group.Groups;
import app.liuke.staff.Role;
import app.liuke.staff.StaffDirectory;
import app.liuke.staff.StaffMember;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** /staff add (staff roles) and /group register (loyal-customer groups). Stateless and thread-safe. */
final class ManagerCommands {
    private final StaffDirectory staff;
    private final Members members;
    private final Groups groups;

    ManagerCommands(StaffDirectory staff, Members members, Groups groups) {
        this.staff = staff;
        this.members = members;
        this.groups = groups;
    }

    List<ChatCommand> all() {
        return List.of(
                ChatCommand.staff("staff", Role.MANAGER, this::staff),
                new ChatCommand("group", List.of(), ChatCommand.Place.GROUP, Role.MANAGER, this::group));
    }

    /**
     * /staff add USER_ID|wechat:OPENID|wecom:USERID [ROLE] [NAME]: a manager adds staff (by Telegram id, WeChat openid or WeCom userid); only the owner adds managers and owners
     * or changes the role of someone above staff.
     */
    private void staff(Chat chat, String args) {
        String[] words = args.strip().split("\\s+", 4);
        if (words.length < 2 || !words[0].equalsIgnoreCase("add")) {
            chat.say("staff.add.usage");
            return;
        }
        String lower = words[1].toLowerCase(java.util.Locale.ROOT);
        String channel = lower.startsWith("wechat:") ? "wechat" : lower.startsWith("wecom:") ? "wecom" : "telegram";
        String user = channel.equals("telegram") ? words[1] : words[1].substring(channel.length() + 1);
        boolean valid = switch (channel) {
            case "wechat" -> user.matches("[A-Za-z0-9_-]{6,64}");
            case "wecom" -> user.matches("[A-Za-z0-9_.@-]{1,64}");
            default -> user.matches("\\d{1,19}");
        };
        if (!valid) {
            chat.say("staff.add.badUser", "user", ChatInput.clean(words[1], 72));
            return;
        }
        Optional<Role> role = words.length > 2 ? parseRole(words[2]) : Optional.of(Role.STAFF);
        if (role.isEmpty()) {
            chat.say("staff.add.badRole", "role", ChatInput.clean(words[2], 32));
            return;
        }
        StaffMember actor = chat.staff().orElseThrow();
        Optional<StaffMember> existing = switch (channel) {
            case "wechat" -> staff.byWechatOpenId(chat.handle(), user);
            case "wecom" -> staff.byWecomUserId(chat.handle(), user);
            default -> staff.byTelegramUser(chat.handle(), Long.parseLong(user));
        };
        boolean raisesAboveStaff = role.get() != Role.STAFF || existing.map(m -> m.role() != Role.STAFF).orElse(false);
        if (raisesAboveStaff && actor.role() != Role.OWNER) {
            chat.say("staff.add.roleTooHigh");
            return;
        }
        String roleName = chat.text("role." + role.get().code());
        if (existing.isPresent()) {
            staff.setRole(chat.handle(), existing.get().id(), role.get());
            chat.say("staff.add.updated", "staffName", existing.get().name(), "roleName", roleName);
            return;
        }
        String given = words.length > 3 ? ChatInput.name(words[3], null) : null;
        String name = given != null ? given
                : members.knownName(chat.handle(), channel.equals("telegram") ? chat.who().channel() : channel, user)
                        .orElse("Staff " + user);
        name = staff.uniqueName(chat.handle(), name);
        switch (channel) {
            case "wechat" -> staff.addWechatStaff(chat.handle(), name, role.get(), actor.groupId(), user, chat.now());
            case "wecom" -> staff.addWecomStaff(chat.handle(), name, role.get(), actor.groupId(), user, chat.now());
            default -> staff.addStaff(chat.handle(), name, role.get(), actor.groupId(), Long.parseLong(user), chat.now());
        }
        chat.say("staff.add.done", "staffName", name, "roleName", roleName);
    }

    private static Optional<Role> parseRole(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "staff", "店员", "员工" -> Optional.of(Role.STAFF);
            case "manager", "店长" -> Optional.of(Role.MANAGER);
            case "owner", "老板" -> Optional.of(Role.OWNER);
            default -> Optional.empty();
        };
    }

    /** /group register, inside the group: makes it a managed loyal-customer group. */
    private void group(Chat chat, String args) {
        if (!args.strip().equalsIgnoreCase("register")) {
            chat.say("help.manager");
            return;
        }
        var outcome = groups.register(chat.handle(), chat.where().channel(), chat.where().chatId(),
                chat.staff().orElseThrow().id(), chat.now());
        chat.say(outcome == Groups.Registration.REGISTERED ? "group.register.done" : "group.register.already");
    }
}
