"""Staff accounts from the command line: create-staff, disable-staff, reset-staff-2fa, password rules."""

import pytest
from sqlalchemy import select

from screening.extensions import db
from screening.staff.auth.accounts import StaffUser, find_staff
from screening.staff.auth.passwords import password_problem
from screening.staff.auth.views import SIGN_IN_REFUSED
from tests.helpers import STAFF_PASSWORD, csrf_token, staff_login


def test_create_staff_prompts_twice_and_stores_an_scrypt_hash(app, runner):
    result = runner.invoke(
        args=["create-staff", "Desk@Clinic.example", "--role", "frontdesk"],
        input=f"{STAFF_PASSWORD}\n{STAFF_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") == 1 and "Repeat the password" in result.output
    with app.app_context():
        user = find_staff("desk@clinic.example")
        assert user.role == "frontdesk" and user.email == "desk@clinic.example"
        assert user.password_hash.startswith("scrypt:") and STAFF_PASSWORD not in user.password_hash


def test_create_staff_asks_again_when_the_two_passwords_differ(app, runner):
    result = runner.invoke(
        args=["create-staff", "doc@clinic.example", "--role", "doctor"],
        input=f"{STAFF_PASSWORD}\nsomething else entirely\n{STAFF_PASSWORD}\n{STAFF_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower() or "don't match" in result.output.lower()


def test_create_staff_reads_the_password_from_stdin_for_scripts(app, runner):
    result = runner.invoke(
        args=["create-staff", "admin@clinic.example", "--role", "admin", "--password-stdin"],
        input=f"{STAFF_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert find_staff("admin@clinic.example").role == "admin"


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short1!", "at least 12 characters"),
        ("password1234", "common"),
        ("Password2024!", "common"),
        ("qwertyuiop123", "common"),
        ("123456789012", "common"),
        ("aaaaaaaaaaaaaaaa", "common"),
        ("abcabcabcabcabc", "common"),
        ("nurse.jones.2024!", "email address"),
    ],
)
def test_create_staff_refuses_weak_passwords_with_a_clear_message(app, runner, password, says):
    result = runner.invoke(
        args=["create-staff", "nurse.jones@clinic.example", "--role", "frontdesk", "--password-stdin"],
        input=password + "\n",
    )
    assert result.exit_code == 2
    assert result.output.startswith("password: ") and says in result.output
    with app.app_context():
        assert find_staff("nurse.jones@clinic.example") is None


@pytest.mark.parametrize(
    "password", ["plum violin harbour 47", "Tangerine-Quartz-Ladder", "my 3 cats hate Mondays"]
)
def test_long_uncommon_passwords_are_accepted(password):
    assert password_problem(password, "desk@clinic.example") is None


def test_create_staff_refuses_a_bad_email_an_unknown_role_and_a_duplicate(app, runner):
    bad_email = runner.invoke(
        args=["create-staff", "not-an-email", "--role", "doctor", "--password-stdin"], input=STAFF_PASSWORD
    )
    assert bad_email.exit_code == 2 and bad_email.output.startswith("email: must be an email address")
    bad_role = runner.invoke(args=["create-staff", "x@clinic.example", "--role", "nurse", "--password-stdin"])
    assert bad_role.exit_code == 2 and "frontdesk" in bad_role.output and "doctor" in bad_role.output
    args = ["create-staff", "twice@clinic.example", "--role", "doctor", "--password-stdin"]
    assert runner.invoke(args=args, input=STAFF_PASSWORD).exit_code == 0
    again = runner.invoke(args=args, input=STAFF_PASSWORD)
    assert again.exit_code == 2 and "already exists" in again.output


def test_disable_staff_ends_the_live_session_and_refuses_sign_in(app, client, runner):
    staff_login(client, "leaver@clinic.example", "frontdesk")
    assert client.get("/staff/").status_code == 200
    result = runner.invoke(args=["disable-staff", "leaver@clinic.example"])
    assert result.exit_code == 0 and "Disabled leaver@clinic.example" in result.output
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.location
    token = csrf_token(client, "/staff/login")
    again = client.post(
        "/staff/login",
        data={"csrf_token": token, "email": "leaver@clinic.example", "password": STAFF_PASSWORD},
    )
    assert again.status_code == 200 and SIGN_IN_REFUSED in again.get_data(as_text=True)


def test_disable_staff_names_an_unknown_account(app, runner):
    result = runner.invoke(args=["disable-staff", "nobody@clinic.example"])
    assert result.exit_code == 2 and "email: no staff account for nobody@clinic.example" in result.output


def test_reset_staff_2fa_makes_the_account_enrol_again(app, runner):
    runner.invoke(
        args=["create-staff", "phone@clinic.example", "--role", "doctor", "--password-stdin"],
        input=STAFF_PASSWORD,
    )
    with app.app_context():
        user = find_staff("phone@clinic.example")
        user.totp_secret, user.totp_confirmed_at = "JBSWY3DPEHPK3PXP", user.created_at
        db.session.commit()
    result = runner.invoke(args=["reset-staff-2fa", "phone@clinic.example"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == "phone@clinic.example"))
        assert user.totp_secret is None and not user.enrolled
